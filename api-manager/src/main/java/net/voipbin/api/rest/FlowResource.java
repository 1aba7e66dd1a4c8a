package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.ListFlowsRequest;
import net.voipbin.proto.flow.v1.UpdateFlowRequest;

import java.util.List;

/** {@code /flows}: flow-manager's flows of the caller's customer. */
@Path("/v1.0/flows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlowResource {

    public static class FlowBody {
        public String name;
        public String detail;
        public List<JsonNode> actions;
        public String on_complete_flow_id;
    }

    private final FlowManagerClient flowManager;
    private final CurrentIdentity current;

    public FlowResource(FlowManagerClient flowManager, CurrentIdentity current) {
        this.flowManager = flowManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    private static List<FlowAction> actions(FlowBody body) {
        if (body.actions == null) {
            throw Errors.invalidArgument("actions", "is required (an array of actions)");
        }
        return Bodies.actions(body.actions);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        return flowManager.flows().listFlows(ListFlowsRequest.newBuilder().setCustomerId(customer())
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getFlowsList(), r.getPage().getNextPageToken()));
    }

    @POST
    public Uni<ObjectNode> create(FlowBody body) {
        String customerId = customer();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        return flowManager.flows().createFlow(CreateFlowRequest.newBuilder().setCustomerId(customerId)
                .setName(Validate.text("name", body.name, 255))
                .setDetail(Validate.text("detail", body.detail, 4096))
                .addAllActions(actions(body)).setPersist(true)
                .setOnCompleteFlowId(Validate.optionalId("on_complete_flow_id", body.on_complete_flow_id))
                .build()).map(PublicJson::toJson);
    }

    private GetFlowRequest get(String id) {
        return GetFlowRequest.newBuilder().setCustomerId(customer()).setId(Validate.id("id", id).toString()).build();
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return flowManager.flows().getFlow(get(id)).map(PublicJson::toJson);
    }

    @PUT
    @Path("/{id}")
    public Uni<ObjectNode> update(@PathParam("id") String id, FlowBody body) {
        GetFlowRequest g = get(id);
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        return flowManager.flows().updateFlow(UpdateFlowRequest.newBuilder().setCustomerId(g.getCustomerId())
                .setId(g.getId())
                .setName(Validate.text("name", body.name, 255))
                .setDetail(Validate.text("detail", body.detail, 4096))
                .addAllActions(actions(body))
                .setOnCompleteFlowId(Validate.optionalId("on_complete_flow_id", body.on_complete_flow_id))
                .build()).map(PublicJson::toJson);
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        return flowManager.flows().deleteFlow(get(id)).map(PublicJson::toJson);
    }
}
