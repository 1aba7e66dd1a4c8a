package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
import net.voipbin.api.client.BillingManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.billing.v1.BalanceForceRequest;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.GetCustomerAccountRequest;
import net.voipbin.proto.billing.v1.ListAccountsRequest;

/**
 * {@code /billing_account} (the caller's default account, the one calls are charged to) and
 * {@code /billing_accounts}: billing-manager accounts of the caller's customer (CustomerAdmin); a
 * superadmin may name another customer with ?customer_id= and force balance adjustments. Amounts
 * are micros (1 USD = 1,000,000): {@code balance_credit}, plus the plan's {@code balance_token}.
 */
@Path("/v1.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingAccountResource {

    /** {"balance": micros} of the force adjustments. */
    public static class BalanceBody {
        public Long balance;
    }

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
    @Path("/billing_account")
    public Uni<ObjectNode> own() {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        return billingManager.accounts().getCustomerAccount(GetCustomerAccountRequest.newBuilder()
                .setCustomerId(me.customerId().toString()).build()).map(PublicJson::toJson);
    }

    @POST
    @Path("/billing_accounts/{id}/balance_add_force")
    public Uni<ObjectNode> addForce(@PathParam("id") String id, BalanceBody body) {
        Permissions.requireSuperadmin(current.get());
        return billingManager.accounts().addBalanceForce(force(id, body)).map(PublicJson::toJson);
    }

    @POST
    @Path("/billing_accounts/{id}/balance_subtract_force")
    public Uni<ObjectNode> subtractForce(@PathParam("id") String id, BalanceBody body) {
        Permissions.requireSuperadmin(current.get());
        return billingManager.accounts().subtractBalanceForce(force(id, body)).map(PublicJson::toJson);
    }

    /** A superadmin adjusts any account by its id: the request names no customer. */
    private static BalanceForceRequest force(String id, BalanceBody body) {
        if (body == null || body.balance == null) {
            throw Errors.invalidArgument("balance", "is required (micros, 1 USD = 1,000,000)");
        }
        if (body.balance <= 0) {
            throw Errors.invalidArgument("balance", "must be a positive amount of micros");
        }
        return BalanceForceRequest.newBuilder().setId(Validate.id("id", id).toString()).setBalance(body.balance).build();
    }

    @GET
    @Path("/billing_accounts")
    public Uni<ObjectNode> list(@QueryParam("customer_id") String customerId, @QueryParam("page_size") String pageSize,
                                @QueryParam("page_token") String pageToken) {
        return billingManager.accounts().listAccounts(ListAccountsRequest.newBuilder().setCustomerId(target(customerId))
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getAccountsList(), r.getPage().getNextPageToken()));
    }

    /** The seeds' troubleshooting guide spells it {@code GET /v1/billing-accounts}: the same list. */
    @GET
    @Path("/billing-accounts")
    public Uni<ObjectNode> listAsTheSeedsSpellIt(@QueryParam("customer_id") String customerId, @QueryParam("page_size") String pageSize,
                                                 @QueryParam("page_token") String pageToken) {
        return list(customerId, pageSize, pageToken);
    }

    @GET
    @Path("/billing_accounts/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id, @QueryParam("customer_id") String customerId) {
        return billingManager.accounts().getAccount(GetAccountRequest.newBuilder().setCustomerId(target(customerId))
                .setId(Validate.id("id", id).toString()).build()).map(PublicJson::toJson);
    }
}
