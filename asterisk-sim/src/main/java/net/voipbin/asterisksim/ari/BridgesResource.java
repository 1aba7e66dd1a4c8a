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
import net.voipbin.asterisksim.state.Bridges;
import net.voipbin.asterisksim.state.Playbacks;
import net.voipbin.asterisksim.state.Recordings;

import java.util.List;
import java.util.Map;

import static net.voipbin.asterisksim.ari.ChannelsResource.str;

/** {@code /ari/bridges}: Stasis bridges. */
@Path("/ari/bridges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class BridgesResource {
    private final Bridges bridges;
    private final Playbacks playbacks;
    private final Recordings recordings;
    private final Params params;

    public BridgesResource(Bridges bridges, Playbacks playbacks, Recordings recordings, Params params) {
        this.bridges = bridges;
        this.playbacks = playbacks;
        this.recordings = recordings;
        this.params = params;
    }

    @GET
    public List<Map<String, Object>> list() {
        return bridges.snapshots();
    }

    @POST
    public Map<String, Object> create(@Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        return bridges.create(str(p, "bridgeId"), str(p, "type"), str(p, "name"));
    }

    @POST
    @Path("/{id}")
    public Map<String, Object> createWithId(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        return bridges.create(id, str(p, "type"), str(p, "name"));
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return bridges.snapshot(id);
    }

    @DELETE
    @Path("/{id}")
    public Response destroy(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        bridges.destroy(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/addChannel")
    public Response addChannel(@PathParam("id") String id, @Context UriInfo uri, String body) {
        bridges.add(id, str(params.of(uri, body), "channel"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/removeChannel")
    public Response removeChannel(@PathParam("id") String id, @Context UriInfo uri, String body) {
        bridges.remove(id, str(params.of(uri, body), "channel"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/play")
    public Response play(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        return Response.status(201).entity(playbacks.playOnBridge(id, Params.media(p), str(p, "playbackId"), str(p, "lang"))).build();
    }

    @POST
    @Path("/{id}/record")
    public Response record(@PathParam("id") String id, @Context UriInfo uri, String body) {
        return Response.status(201).entity(recordings.record(null, id, params.of(uri, body))).build();
    }
}
