package net.voipbin.asterisksim.ari;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import net.voipbin.asterisksim.model.Causes;
import net.voipbin.asterisksim.state.ChannelControls;
import net.voipbin.asterisksim.state.Channels;
import net.voipbin.asterisksim.state.Dialing;
import net.voipbin.asterisksim.state.Hangups;
import net.voipbin.asterisksim.state.MediaChannels;
import net.voipbin.asterisksim.state.Playbacks;
import net.voipbin.asterisksim.state.Recordings;

import java.util.List;
import java.util.Map;

/** {@code /ari/channels}: Asterisk 20's channel operations on the simulated channels. */
@Path("/ari/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class ChannelsResource {
    private final Channels channels;
    private final Dialing dialing;
    private final ChannelControls controls;
    private final MediaChannels media;
    private final Hangups hangups;
    private final Playbacks playbacks;
    private final Recordings recordings;
    private final Params params;

    public ChannelsResource(Channels channels, Dialing dialing, ChannelControls controls, MediaChannels media,
                            Hangups hangups, Playbacks playbacks, Recordings recordings, Params params) {
        this.channels = channels;
        this.dialing = dialing;
        this.controls = controls;
        this.media = media;
        this.hangups = hangups;
        this.playbacks = playbacks;
        this.recordings = recordings;
        this.params = params;
    }

    private static Response noContent() {
        return Response.noContent().build();
    }

    @GET
    public List<Map<String, Object>> list() {
        return channels.snapshots();
    }

    @POST
    public Map<String, Object> originate(@Context UriInfo uri, String body) {
        return dialing.originate(params.of(uri, body), true);
    }

    @POST
    @Path("/create")
    public Map<String, Object> create(@Context UriInfo uri, String body) {
        return dialing.originate(params.of(uri, body), false);
    }

    @POST
    @Path("/{id}")
    public Map<String, Object> originateWithId(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        p.put("channelId", id);
        return dialing.originate(p, true);
    }

    @POST
    @Path("/externalMedia")
    public Map<String, Object> externalMedia(@Context UriInfo uri, String body) {
        return media.externalMedia(params.of(uri, body));
    }

    @POST
    @Path("/{id}/snoop")
    public Map<String, Object> snoop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        return media.snoop(id, params.of(uri, body));
    }

    @POST
    @Path("/{id}/snoop/{snoopId}")
    public Map<String, Object> snoopWithId(@PathParam("id") String id, @PathParam("snoopId") String snoopId,
                                           @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        p.put("snoopId", snoopId);
        return media.snoop(id, p);
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return channels.snapshot(id);
    }

    @DELETE
    @Path("/{id}")
    public Response hangup(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        hangups.hangup(id, Causes.fromRequest(str(p, "reason_code"), str(p, "reason")));
        return noContent();
    }

    @POST
    @Path("/{id}/dial")
    public Response dial(@PathParam("id") String id, @Context UriInfo uri, String body) {
        dialing.dial(id, params.of(uri, body));
        return noContent();
    }

    @POST
    @Path("/{id}/continue")
    public Response continueInDialplan(@PathParam("id") String id, @Context UriInfo uri, String body) {
        controls.continueInDialplan(id, params.of(uri, body));
        return noContent();
    }

    @POST
    @Path("/{id}/answer")
    public Response answer(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.answer(id);
        return noContent();
    }

    @POST
    @Path("/{id}/ring")
    public Response ring(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.ring(id, true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/ring")
    public Response ringStop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.ring(id, false);
        return noContent();
    }

    @POST
    @Path("/{id}/hold")
    public Response hold(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.hold(id, true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/hold")
    public Response unhold(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.hold(id, false);
        return noContent();
    }

    @POST
    @Path("/{id}/mute")
    public Response mute(@PathParam("id") String id, @Context UriInfo uri, String body) {
        controls.mute(id, str(params.of(uri, body), "direction"), true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/mute")
    public Response unmute(@PathParam("id") String id, @Context UriInfo uri, String body) {
        controls.mute(id, str(params.of(uri, body), "direction"), false);
        return noContent();
    }

    @POST
    @Path("/{id}/moh")
    public Response moh(@PathParam("id") String id, @Context UriInfo uri, String body) {
        controls.moh(id, str(params.of(uri, body), "mohClass"), true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/moh")
    public Response mohStop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.moh(id, null, false);
        return noContent();
    }

    @POST
    @Path("/{id}/silence")
    public Response silence(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.silence(id, true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/silence")
    public Response silenceStop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        controls.silence(id, false);
        return noContent();
    }

    @POST
    @Path("/{id}/dtmf")
    public Response dtmf(@PathParam("id") String id, @Context UriInfo uri, String body) {
        controls.sendDtmf(id, str(params.of(uri, body), "dtmf"));
        return noContent();
    }

    @GET
    @Path("/{id}/variable")
    public Map<String, Object> getVariable(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("value", controls.getVariable(id, str(params.of(uri, null), "variable")));
    }

    @POST
    @Path("/{id}/variable")
    public Response setVariable(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        controls.setVariable(id, str(p, "variable"), str(p, "value"));
        return noContent();
    }

    @POST
    @Path("/{id}/play")
    public Response play(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        return Response.status(201).entity(playbacks.playOnChannel(id, Params.media(p), str(p, "playbackId"), str(p, "lang"))).build();
    }

    @POST
    @Path("/{id}/play/{playbackId}")
    public Response playWithId(@PathParam("id") String id, @PathParam("playbackId") String playbackId,
                               @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        return Response.status(201).entity(playbacks.playOnChannel(id, Params.media(p), playbackId, str(p, "lang"))).build();
    }

    @POST
    @Path("/{id}/record")
    public Response record(@PathParam("id") String id, @Context UriInfo uri, String body) {
        return Response.status(201).entity(recordings.record(id, null, params.of(uri, body))).build();
    }

    static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.get(0));
        }
        return v == null ? null : String.valueOf(v);
    }
}
