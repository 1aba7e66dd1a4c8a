package net.voipbin.asterisksim.ari;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.voipbin.asterisksim.state.Recordings;

import java.util.List;
import java.util.Map;

/** {@code /ari/recordings}: live recordings and the stored files (real WAV silence of the recorded length). */
@Path("/ari/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class RecordingsResource {
    private final Recordings recordings;

    public RecordingsResource(Recordings recordings) {
        this.recordings = recordings;
    }

    @GET
    @Path("/live/{name}")
    public Map<String, Object> live(@PathParam("name") String name) {
        return recordings.live(name);
    }

    @DELETE
    @Path("/live/{name}")
    public Response cancel(@PathParam("name") String name) {
        recordings.cancel(name);
        return Response.noContent().build();
    }

    @POST
    @Path("/live/{name}/stop")
    public Response stop(@PathParam("name") String name) {
        recordings.stop(name);
        return Response.noContent().build();
    }

    /** pause/unpause and mute/unmute: accepted, no effect on the simulated file. */
    @POST
    @Path("/live/{name}/{op: pause|mute}")
    public Response pauseOrMute(@PathParam("name") String name) {
        recordings.live(name);
        return Response.noContent().build();
    }

    @DELETE
    @Path("/live/{name}/{op: pause|mute}")
    public Response unpauseOrUnmute(@PathParam("name") String name) {
        recordings.live(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/stored")
    public List<Map<String, Object>> stored() {
        return recordings.stored();
    }

    @GET
    @Path("/stored/{name}")
    public Map<String, Object> storedOne(@PathParam("name") String name) {
        var r = recordings.stored(name);
        return Map.of("name", r.name(), "format", r.format());
    }

    @DELETE
    @Path("/stored/{name}")
    public Response delete(@PathParam("name") String name) {
        recordings.deleteStored(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/stored/{name}/file")
    @Produces({"audio/wav", MediaType.APPLICATION_JSON})
    public Response file(@PathParam("name") String name) {
        var r = recordings.stored(name);
        return Response.ok(net.voipbin.asterisksim.model.Wav.silence(r.durationMs()), "audio/wav")
                .header("Content-Disposition", "attachment; filename=\"" + r.name() + "." + r.format() + "\"").build();
    }
}
