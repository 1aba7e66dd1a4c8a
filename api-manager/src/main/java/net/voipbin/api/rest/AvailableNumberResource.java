package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.CallManagerClient;
import net.voipbin.api.mapping.Validate;
import net.voipbin.api.mapping.Views;
import net.voipbin.common.error.Errors;
import net.voipbin.common.json.PublicJson;
import net.voipbin.proto.call.v1.ListAvailableNumbersRequest;
import net.voipbin.proto.call.v1.ProvisionAvailableNumberRequest;
import net.voipbin.proto.call.v1.RemoveAvailableNumberRequest;

import java.util.List;

/**
 * {@code /available_numbers}: the number inventory customers buy from ({@code POST /numbers}).
 * GET is the contract's (CustomerAdmin or CustomerManager; {@code {"result":[...]}}). POST and
 * {@code DELETE /available_numbers/{number}} are the operator's, a project superadmin's only: they
 * are not in the contract, which leaves provisioning to the number providers.
 */
@Path("/v1.0/available_numbers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AvailableNumberResource {

    public static class ProvisionBody {
        public String number;
        public String region;
        public String postal_code;
        public List<String> features;
    }

    private final CallManagerClient callManager;
    private final CurrentIdentity current;

    public AvailableNumberResource(CallManagerClient callManager, CurrentIdentity current) {
        this.callManager = callManager;
        this.current = current;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("country_code") String countryCode, @QueryParam("type") String type,
                                @QueryParam("page_size") String pageSize) {
        current.customerId(Permissions.ADMIN_OR_MANAGER);
        String numberType = type == null ? "" : type.trim();
        if (!List.of("", "normal", "virtual").contains(numberType)) {
            throw Errors.invalidArgument("type", "must be normal or virtual");
        }
        String country = Validate.text("country_code", countryCode, 2).trim();
        if (!"virtual".equals(numberType) && country.isEmpty()) {
            throw Errors.invalidArgument("country_code", "is required (ISO 3166 alpha-2, e.g. US) unless type is virtual");
        }
        int size = Validate.page(pageSize, null).getPageSize();
        return callManager.availableNumbers().listAvailableNumbers(ListAvailableNumbersRequest.newBuilder()
                        .setCountryCode(country).setType(numberType).setPageSize(size).build())
                .map(r -> {
                    ObjectNode out = Views.MAPPER.createObjectNode();
                    ArrayNode result = out.putArray("result");
                    r.getNumbersList().forEach(n -> result.add(PublicJson.toJson(n)));
                    return out;
                });
    }

    @POST
    public Uni<ObjectNode> provision(ProvisionBody body) {
        Identity me = current.get();
        Permissions.requireSuperadmin(me);
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        ProvisionAvailableNumberRequest.Builder request = ProvisionAvailableNumberRequest.newBuilder()
                .setNumber(Validate.required("number", body.number, 32))
                .setRegion(Validate.text("region", body.region, 255))
                .setPostalCode(Validate.text("postal_code", body.postal_code, 32));
        if (body.features != null) {
            if (body.features.size() > 5) {
                throw Errors.invalidArgument("features", "at most 5 (emergency, fax, mms, sms, voice)");
            }
            body.features.forEach(f -> request.addFeatures(Validate.text("features", f, 16)));
        }
        return callManager.availableNumbers().provisionAvailableNumber(request.build()).map(PublicJson::toJson);
    }

    @DELETE
    @Path("/{number}")
    public Uni<ObjectNode> remove(@PathParam("number") String number) {
        Permissions.requireSuperadmin(current.get());
        return callManager.availableNumbers().removeAvailableNumber(RemoveAvailableNumberRequest.newBuilder()
                .setNumber(Validate.required("number", number, 32)).build()).map(PublicJson::toJson);
    }
}
