package net.voipbin.asterisksim.ari;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.voipbin.asterisksim.state.Playbacks;

import java.util.Map;

/** {@code /ari/playbacks}. */
@Path("/ari/playbacks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class PlaybacksResource {
    private final Playbacks playbacks;

    public PlaybacksResource(Playbacks playbacks) {
        this.playbacks = playbacks;
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return playbacks.snapshot(id);
    }

    @DELETE
    @Path("/{id}")
    public Response stop(@PathParam("id") String id) {
        playbacks.stop(id);
        return Response.noContent().build();
    }
}
