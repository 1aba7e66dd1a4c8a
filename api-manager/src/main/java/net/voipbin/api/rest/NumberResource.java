package net.voipbin.api.rest;

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
import net.voipbin.api.client.CallManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.GetNumberRequest;
import net.voipbin.proto.call.v1.ListNumbersRequest;
import net.voipbin.proto.call.v1.UpdateNumberMetadataRequest;
import net.voipbin.proto.call.v1.UpdateNumberRequest;
import net.voipbin.common.time.TimeFormat;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Set;

/**
 * {@code /numbers}: call-manager's NumberService for the caller's customer. POST buys: a normal
 * number only from {@code /available_numbers} (409 when someone owns it, 400 when it is not in the
 * inventory), a virtual one (+899) freely; the flow ids must be the customer's own flows (400).
 */
@Path("/v1.0/numbers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NumberResource {

    public static class NumberBody {
        public String number;
        public String type;
        public String call_flow_id;
        public String message_flow_id;
        public String name;
        public String detail;
    }

    private final CallManagerClient callManager;
    private final CurrentIdentity current;

    public NumberResource(CallManagerClient callManager, CurrentIdentity current) {
        this.callManager = callManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        return callManager.numbers().listNumbers(ListNumbersRequest.newBuilder().setCustomerId(customer())
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getNumbersList(), r.getPage().getNextPageToken()));
    }

    @POST
    public Uni<ObjectNode> create(NumberBody body) {
        String customerId = customer();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        String number = Validate.required("number", body.number, 32);
        if (!number.matches("\\+[1-9][0-9]{6,14}")) {
            throw Errors.invalidArgument("number", "must be an E.164 number (+ and 7-15 digits)");
        }
        String type = body.type == null ? "" : body.type;
        if (!Set.of("", "normal", "virtual").contains(type)) {
            throw Errors.invalidArgument("type", "must be normal or virtual");
        }
        return callManager.numbers().createNumber(CreateNumberRequest.newBuilder().setCustomerId(customerId)
                .setNumber(number).setType(type)
                .setCallFlowId(Validate.optionalId("call_flow_id", body.call_flow_id))
                .setMessageFlowId(Validate.optionalId("message_flow_id", body.message_flow_id))
                .setName(Validate.text("name", body.name, 255))
                .setDetail(Validate.text("detail", body.detail, 4096)).build()).map(PublicJson::toJson);
    }

    private GetNumberRequest get(String id) {
        return GetNumberRequest.newBuilder().setCustomerId(customer()).setId(Validate.id("id", id).toString()).build();
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return callManager.numbers().getNumber(get(id)).map(PublicJson::toJson);
    }

    @PUT
    @Path("/{id}")
    public Uni<ObjectNode> update(@PathParam("id") String id, NumberBody body) {
        GetNumberRequest g = get(id);
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        if (body.number != null || body.type != null) {
            throw Errors.invalidArgument(body.number != null ? "number" : "type", "cannot be changed");
        }
        return callManager.numbers().updateNumber(UpdateNumberRequest.newBuilder().setCustomerId(g.getCustomerId())
                .setId(g.getId())
                .setCallFlowId(Validate.optionalId("call_flow_id", body.call_flow_id))
                .setMessageFlowId(Validate.optionalId("message_flow_id", body.message_flow_id))
                .setName(Validate.text("name", body.name, 255))
                .setDetail(Validate.text("detail", body.detail, 4096)).build()).map(PublicJson::toJson);
    }

    public static class FlowIdsBody {
        public String call_flow_id;
        public String message_flow_id;
    }

    /** The contract's {@code PUT /numbers/{id}/flow_ids}: both flow ids replaced, name and detail kept. */
    @PUT
    @Path("/{id}/flow_ids")
    public Uni<ObjectNode> updateFlowIds(@PathParam("id") String id, FlowIdsBody body) {
        GetNumberRequest g = get(id);
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        String callFlowId = Validate.optionalId("call_flow_id", body.call_flow_id);
        String messageFlowId = Validate.optionalId("message_flow_id", body.message_flow_id);
        return callManager.numbers().getNumber(g).chain(number -> callManager.numbers().updateNumber(
                UpdateNumberRequest.newBuilder().setCustomerId(g.getCustomerId()).setId(g.getId())
                        .setCallFlowId(callFlowId).setMessageFlowId(messageFlowId)
                        .setName(number.getName()).setDetail(number.getDetail()).build())).map(PublicJson::toJson);
    }

    /** The contract's NumberManagerMetadata; an absent rtp_debug keeps the stored value. */
    public static class MetadataBody {
        public Boolean rtp_debug;
    }

    @PUT
    @Path("/{id}/metadata")
    public Uni<ObjectNode> updateMetadata(@PathParam("id") String id, MetadataBody body) {
        GetNumberRequest g = get(id);
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        Uni<Boolean> rtpDebug = body.rtp_debug != null ? Uni.createFrom().item(body.rtp_debug)
                : callManager.numbers().getNumber(g).map(n -> PublicJson.parse(n.getMetadataJson()).path("rtp_debug").asBoolean(false));
        return rtpDebug.chain(value -> callManager.numbers().updateNumberMetadata(UpdateNumberMetadataRequest.newBuilder()
                .setCustomerId(g.getCustomerId()).setId(g.getId()).setRtpDebug(value).build())).map(PublicJson::toJson);
    }

    public static class RenewBody {
        public String tm_renew;
    }

    /**
     * The contract's renewal of numbers due by {@code tm_renew}. Numbers here are bought once and never
     * expire (there is no monthly number fee), so none is ever due: the answer is the contract's array,
     * empty. tm_renew is still required and must be a timestamp, as the contract says.
     */
    @POST
    @Path("/renew")
    public Uni<ArrayNode> renew(RenewBody body) {
        customer();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        String tmRenew = Validate.required("tm_renew", body.tm_renew, 64);
        try {
            TimeFormat.parse(tmRenew);
        } catch (RuntimeException e) {
            throw Errors.invalidArgument("tm_renew", "must be an ISO-8601 UTC timestamp such as 2026-01-15T09:30:00.000000Z");
        }
        return Uni.createFrom().item(JsonNodeFactory.instance.arrayNode());
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        return callManager.numbers().deleteNumber(get(id)).map(PublicJson::toJson);
    }
}
