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
import net.voipbin.asterisksim.model.SimState;

import java.util.List;
import java.util.Map;

/** {@code /ari/channels}: Asterisk 20's channel operations on the simulated channels. */
@Path("/ari/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class ChannelsResource {
    private final SimState sim;
    private final Params params;

    public ChannelsResource(SimState sim, Params params) {
        this.sim = sim;
        this.params = params;
    }

    private static Response noContent() {
        return Response.noContent().build();
    }

    @GET
    public List<Map<String, Object>> list() {
        synchronized (sim) {
            return sim.liveChannels().stream().map(c -> c.snapshot()).toList();
        }
    }

    @POST
    public Map<String, Object> originate(@Context UriInfo uri, String body) {
        var ch = sim.originate(params.of(uri, body), true);
        synchronized (sim) {
            return ch.snapshot();
        }
    }

    @POST
    @Path("/create")
    public Map<String, Object> create(@Context UriInfo uri, String body) {
        var ch = sim.originate(params.of(uri, body), false);
        synchronized (sim) {
            return ch.snapshot();
        }
    }

    @POST
    @Path("/{id}")
    public Map<String, Object> originateWithId(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        p.put("channelId", id);
        var ch = sim.originate(p, true);
        synchronized (sim) {
            return ch.snapshot();
        }
    }

    @POST
    @Path("/externalMedia")
    public Map<String, Object> externalMedia(@Context UriInfo uri, String body) {
        var ch = sim.externalMedia(params.of(uri, body));
        synchronized (sim) {
            return ch.snapshot();
        }
    }

    @POST
    @Path("/{id}/snoop")
    public Map<String, Object> snoop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        var ch = sim.snoop(id, params.of(uri, body));
        synchronized (sim) {
            return ch.snapshot();
        }
    }

    @POST
    @Path("/{id}/snoop/{snoopId}")
    public Map<String, Object> snoopWithId(@PathParam("id") String id, @PathParam("snoopId") String snoopId,
                                           @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        p.put("snoopId", snoopId);
        var ch = sim.snoop(id, p);
        synchronized (sim) {
            return ch.snapshot();
        }
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return sim.snapshot(id);
    }

    @DELETE
    @Path("/{id}")
    public Response hangup(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        sim.hangup(id, Causes.fromRequest(str(p, "reason_code"), str(p, "reason")));
        return noContent();
    }

    @POST
    @Path("/{id}/dial")
    public Response dial(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.dial(id, params.of(uri, body));
        return noContent();
    }

    @POST
    @Path("/{id}/continue")
    public Response continueInDialplan(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.continueInDialplan(id, params.of(uri, body));
        return noContent();
    }

    @POST
    @Path("/{id}/answer")
    public Response answer(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.answer(id);
        return noContent();
    }

    @POST
    @Path("/{id}/ring")
    public Response ring(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.ring(id, true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/ring")
    public Response ringStop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.ring(id, false);
        return noContent();
    }

    @POST
    @Path("/{id}/hold")
    public Response hold(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.hold(id, true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/hold")
    public Response unhold(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.hold(id, false);
        return noContent();
    }

    @POST
    @Path("/{id}/mute")
    public Response mute(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.mute(id, str(params.of(uri, body), "direction"), true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/mute")
    public Response unmute(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.mute(id, str(params.of(uri, body), "direction"), false);
        return noContent();
    }

    @POST
    @Path("/{id}/moh")
    public Response moh(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.moh(id, str(params.of(uri, body), "mohClass"), true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/moh")
    public Response mohStop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.moh(id, null, false);
        return noContent();
    }

    @POST
    @Path("/{id}/silence")
    public Response silence(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.silence(id, true);
        return noContent();
    }

    @DELETE
    @Path("/{id}/silence")
    public Response silenceStop(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.silence(id, false);
        return noContent();
    }

    @POST
    @Path("/{id}/dtmf")
    public Response dtmf(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.sendDtmf(id, str(params.of(uri, body), "dtmf"));
        return noContent();
    }

    @GET
    @Path("/{id}/variable")
    public Map<String, Object> getVariable(@PathParam("id") String id, @Context UriInfo uri) {
        return Map.of("value", sim.getVariable(id, str(params.of(uri, null), "variable")));
    }

    @POST
    @Path("/{id}/variable")
    public Response setVariable(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        sim.setVariable(id, str(p, "variable"), str(p, "value"));
        return noContent();
    }

    @POST
    @Path("/{id}/play")
    public Response play(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        var pb = sim.playOnChannel(id, Params.media(p), str(p, "playbackId"), str(p, "lang"));
        synchronized (sim) {
            return Response.status(201).entity(pb.snapshot()).build();
        }
    }

    @POST
    @Path("/{id}/play/{playbackId}")
    public Response playWithId(@PathParam("id") String id, @PathParam("playbackId") String playbackId,
                               @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        var pb = sim.playOnChannel(id, Params.media(p), playbackId, str(p, "lang"));
        synchronized (sim) {
            return Response.status(201).entity(pb.snapshot()).build();
        }
    }

    @POST
    @Path("/{id}/record")
    public Response record(@PathParam("id") String id, @Context UriInfo uri, String body) {
        var r = sim.record(id, null, params.of(uri, body));
        synchronized (sim) {
            return Response.status(201).entity(r.snapshot()).build();
        }
    }

    static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v instanceof List<?> l) {
            return l.isEmpty() ? null : String.valueOf(l.get(0));
        }
        return v == null ? null : String.valueOf(v);
    }
}
