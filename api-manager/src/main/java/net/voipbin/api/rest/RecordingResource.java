package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.CallManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.proto.call.v1.GetRecordingRequest;
import net.voipbin.proto.call.v1.ListRecordingsRequest;

/** {@code /recordings}: call-manager's recordings (metadata) of the caller's customer. */
@Path("/v1.0/recordings")
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {

    private final CallManagerClient callManager;
    private final CurrentIdentity current;

    public RecordingResource(CallManagerClient callManager, CurrentIdentity current) {
        this.callManager = callManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        return callManager.calls().listRecordings(ListRecordingsRequest.newBuilder().setCustomerId(customer())
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getRecordingsList(), r.getPage().getNextPageToken()));
    }

    private GetRecordingRequest get(String id) {
        return GetRecordingRequest.newBuilder().setCustomerId(customer()).setId(Validate.id("id", id).toString()).build();
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return callManager.calls().getRecording(get(id)).map(PublicJson::toJson);
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        return callManager.calls().deleteRecording(get(id)).map(PublicJson::toJson);
    }
}
