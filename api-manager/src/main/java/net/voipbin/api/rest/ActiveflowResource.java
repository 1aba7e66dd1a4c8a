package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.mapping.Bodies;
import net.voipbin.api.client.FlowManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.ListActiveflowsRequest;

import java.util.List;
import java.util.Map;

/** {@code /activeflows}: API-started flow runs (reference_type api, executed at once). */
@Path("/v1.0/activeflows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActiveflowResource {

    public static class ActiveflowBody {
        public String id;
        public String flow_id;
        public List<JsonNode> actions;
        public Map<String, String> variables;
    }

    private final FlowManagerClient flowManager;
    private final CurrentIdentity current;

    public ActiveflowResource(FlowManagerClient flowManager, CurrentIdentity current) {
        this.flowManager = flowManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        return flowManager.flows().listActiveflows(ListActiveflowsRequest.newBuilder().setCustomerId(customer())
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getActiveflowsList(), r.getPage().getNextPageToken()));
    }

    @POST
    public Uni<ObjectNode> create(ActiveflowBody body) {
        String customerId = customer();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        CreateActiveflowRequest.Builder request = CreateActiveflowRequest.newBuilder().setCustomerId(customerId)
                .setId(Validate.optionalId("id", body.id))
                .setFlowId(Validate.optionalId("flow_id", body.flow_id))
                .setReferenceType("api").setExecute(true)
                .putAllVariables(Bodies.variables(body.variables));
        List<FlowAction> actions = Bodies.actions(body.actions);
        if (request.getFlowId().isEmpty()) {
            if (actions == null || actions.isEmpty()) {
                throw Errors.invalidArgument("flow_id", "either flow_id or a non-empty actions array is required");
            }
            request.addAllActions(actions);
        }
        return flowManager.flows().createActiveflow(request.build()).map(PublicJson::toJson);
    }

    private GetActiveflowRequest get(String id) {
        return GetActiveflowRequest.newBuilder().setCustomerId(customer()).setId(Validate.id("id", id).toString()).build();
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return flowManager.flows().getActiveflow(get(id)).map(PublicJson::toJson);
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        return flowManager.flows().deleteActiveflow(get(id)).map(PublicJson::toJson);
    }

    @POST
    @Path("/{id}/stop")
    public Uni<ObjectNode> stop(@PathParam("id") String id) {
        return flowManager.flows().stopActiveflow(get(id)).map(PublicJson::toJson);
    }
}
