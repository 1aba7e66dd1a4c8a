package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.BillingManagerClient;
import net.voipbin.api.mapping.Validate;
import net.voipbin.common.json.PublicJson;
import net.voipbin.proto.billing.v1.GetBillingRequest;
import net.voipbin.proto.billing.v1.ListBillingsRequest;

/** {@code /billings}: the caller's ledger (each charge, top-up and adjustment), newest first (CustomerAdmin). */
@Path("/v1.0/billings")
@Produces(MediaType.APPLICATION_JSON)
public class BillingResource {

    private final BillingManagerClient billingManager;
    private final CurrentIdentity current;

    public BillingResource(BillingManagerClient billingManager, CurrentIdentity current) {
        this.billingManager = billingManager;
        this.current = current;
    }

    private String customer() {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        return me.customerId().toString();
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken,
                                @QueryParam("reference_id") String referenceId) {
        ListBillingsRequest.Builder request = ListBillingsRequest.newBuilder().setCustomerId(customer())
                .setPage(Validate.page(pageSize, pageToken));
        if (referenceId != null && !referenceId.isBlank()) {
            request.setReferenceId(Validate.id("reference_id", referenceId).toString());
        }
        return billingManager.accounts().listBillings(request.build())
                .map(r -> PublicJson.page(r.getBillingsList(), r.getPage().getNextPageToken()));
    }

    @GET
    @Path("/{billing-id}")
    public Uni<ObjectNode> get(@PathParam("billing-id") String id) {
        return billingManager.accounts().getBilling(GetBillingRequest.newBuilder().setCustomerId(customer())
                .setId(Validate.id("billing-id", id).toString()).build()).map(PublicJson::toJson);
    }
}
