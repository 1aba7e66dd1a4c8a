package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.CallManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.call.v1.GetOutboundConfigRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsRequest;
import net.voipbin.proto.call.v1.UpdateOutboundConfigRequest;
import net.voipbin.proto.common.v1.PageRequest;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@code /outbound_config} (own, CustomerAdmin; PUT changes only the fields present) and
 * {@code /outbound_configs} (list/get; a superadmin may name another customer with ?customer_id=).
 */
@Path("/v1.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutboundConfigResource {

    private static final Set<String> FIELDS = Set.of("name", "detail", "destination_whitelist", "codecs",
            "default_outgoing_source_number_id");

    private final CallManagerClient callManager;
    private final CurrentIdentity current;

    public OutboundConfigResource(CallManagerClient callManager, CurrentIdentity current) {
        this.callManager = callManager;
        this.current = current;
    }

    @GET
    @Path("/outbound_config")
    public Uni<ObjectNode> own() {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        return callManager.outboundConfigs().getOutboundConfig(GetOutboundConfigRequest.newBuilder()
                .setCustomerId(me.customerId().toString()).build()).map(PublicJson::toJson);
    }

    @PUT
    @Path("/outbound_config")
    public Uni<ObjectNode> update(JsonNode body) {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        if (body == null || !body.isObject()) {
            throw Errors.invalidArgument("body", "must be a JSON object");
        }
        UpdateOutboundConfigRequest.Builder request = UpdateOutboundConfigRequest.newBuilder()
                .setCustomerId(me.customerId().toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (!FIELDS.contains(field)) {
                throw Errors.invalidArgument(field, "unknown field");
            }
            request.addUpdateMask(field);
            switch (field) {
                case "destination_whitelist" -> {
                    if (!value.isArray()) {
                        throw Errors.invalidArgument(field, "must be an array of ISO 3166 alpha-2 codes");
                    }
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode code = value.get(i);
                        if (!code.isTextual() || !code.asText().matches("[a-zA-Z]{2}")) {
                            throw Errors.invalidArgument(field + "[" + i + "]", "must be an ISO 3166 alpha-2 code");
                        }
                        request.addDestinationWhitelist(code.asText().toLowerCase());
                    }
                }
                default -> {
                    if (!value.isTextual()) {
                        throw Errors.invalidArgument(field, "must be a string");
                    }
                    String text = value.asText();
                    switch (field) {
                        case "name" -> request.setName(Validate.text(field, text, 255));
                        case "detail" -> request.setDetail(Validate.text(field, text, 4096));
                        case "codecs" -> request.setCodecs(Validate.text(field, text, 255));
                        default -> request.setDefaultOutgoingSourceNumberId(Validate.optionalId(field, text));
                    }
                }
            }
        }
        return callManager.outboundConfigs().updateOutboundConfig(request.build()).map(PublicJson::toJson);
    }

    private String target(String customerId) {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        if (customerId == null || customerId.isBlank()) {
            return me.customerId().toString();
        }
        Permissions.requireSuperadmin(me);
        return Validate.id("customer_id", customerId).toString();
    }

    @GET
    @Path("/outbound_configs")
    public Uni<ObjectNode> list(@QueryParam("customer_id") String customerId, @QueryParam("page_size") String pageSize,
                                @QueryParam("page_token") String pageToken) {
        return callManager.outboundConfigs().listOutboundConfigs(ListOutboundConfigsRequest.newBuilder()
                        .setCustomerId(target(customerId)).setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getOutboundConfigsList(), r.getPage().getNextPageToken()));
    }

    @GET
    @Path("/outbound_configs/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id, @QueryParam("customer_id") String customerId) {
        String wanted = Validate.id("id", id).toString();
        return callManager.outboundConfigs().listOutboundConfigs(ListOutboundConfigsRequest.newBuilder()
                        .setCustomerId(target(customerId)).setPage(PageRequest.newBuilder().setPageSize(100)).build())
                .map(r -> r.getOutboundConfigsList().stream().filter(c -> c.getId().equals(wanted)).findFirst()
                        .map(PublicJson::toJson)
                        .orElseThrow(() -> Errors.notFound("outbound config", wanted)));
    }
}
