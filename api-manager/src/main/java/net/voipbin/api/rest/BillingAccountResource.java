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
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.ListAccountsRequest;

/**
 * {@code /billing_accounts}: billing-manager accounts of the caller's customer (CustomerAdmin);
 * a superadmin may name another customer with ?customer_id=. Balances are micros ({@code balance_micros}).
 */
@Path("/v1.0/billing_accounts")
@Produces(MediaType.APPLICATION_JSON)
public class BillingAccountResource {

    private final BillingManagerClient billingManager;
    private final CurrentIdentity current;

    public BillingAccountResource(BillingManagerClient billingManager, CurrentIdentity current) {
        this.billingManager = billingManager;
        this.current = current;
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
    public Uni<ObjectNode> list(@QueryParam("customer_id") String customerId, @QueryParam("page_size") String pageSize,
                                @QueryParam("page_token") String pageToken) {
        return billingManager.accounts().listAccounts(ListAccountsRequest.newBuilder().setCustomerId(target(customerId))
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getAccountsList(), r.getPage().getNextPageToken()));
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id, @QueryParam("customer_id") String customerId) {
        return billingManager.accounts().getAccount(GetAccountRequest.newBuilder().setCustomerId(target(customerId))
                .setId(Validate.id("id", id).toString()).build()).map(PublicJson::toJson);
    }
}
