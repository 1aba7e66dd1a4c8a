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
import net.voipbin.asterisksim.model.SimState;

import java.util.List;
import java.util.Map;

import static net.voipbin.asterisksim.ari.ChannelsResource.str;

/** {@code /ari/bridges}: Stasis bridges. */
@Path("/ari/bridges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class BridgesResource {
    private final SimState sim;
    private final Params params;

    public BridgesResource(SimState sim, Params params) {
        this.sim = sim;
        this.params = params;
    }

    @GET
    public List<Map<String, Object>> list() {
        return sim.bridgeSnapshots();
    }

    @POST
    public Map<String, Object> create(@Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        var b = sim.createBridge(str(p, "bridgeId"), str(p, "type"), str(p, "name"));
        return sim.bridgeSnapshot(b.id);
    }

    @POST
    @Path("/{id}")
    public Map<String, Object> createWithId(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        var b = sim.createBridge(id, str(p, "type"), str(p, "name"));
        return sim.bridgeSnapshot(b.id);
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return sim.bridgeSnapshot(id);
    }

    @DELETE
    @Path("/{id}")
    public Response destroy(@PathParam("id") String id, @Context UriInfo uri, String body) {
        params.of(uri, body);
        sim.destroyBridge(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/addChannel")
    public Response addChannel(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.addToBridge(id, str(params.of(uri, body), "channel"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/removeChannel")
    public Response removeChannel(@PathParam("id") String id, @Context UriInfo uri, String body) {
        sim.removeFromBridge(id, str(params.of(uri, body), "channel"));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/play")
    public Response play(@PathParam("id") String id, @Context UriInfo uri, String body) {
        Map<String, Object> p = params.of(uri, body);
        var pb = sim.playOnBridge(id, Params.media(p), str(p, "playbackId"), str(p, "lang"));
        synchronized (sim) {
            return Response.status(201).entity(pb.snapshot()).build();
        }
    }

    @POST
    @Path("/{id}/record")
    public Response record(@PathParam("id") String id, @Context UriInfo uri, String body) {
        var r = sim.record(null, id, params.of(uri, body));
        synchronized (sim) {
            return Response.status(201).entity(r.snapshot()).build();
        }
    }
}
