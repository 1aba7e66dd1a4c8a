package net.voipbin.billing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.mapping.BillingAccountMapper;
import net.voipbin.billing.mapping.BillingMapper;
import net.voipbin.billing.model.Billing;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.json.PublicJson;

/**
 * billing-manager's events, written to the outbox in the transaction of the change they announce
 * (a charge is never announced without having happened, nor lost once it has). data = the public
 * resource JSON, the same rendering the REST API uses.
 */
@ApplicationScoped
public class BillingEvents {

    public static final String BILLING_CREATED = "billing_created";
    public static final String ACCOUNT_CREATED = "billing_account_created";
    public static final String ACCOUNT_UPDATED = "billing_account_updated";
    public static final String ACCOUNT_LOW_BALANCE = "billing_account_low_balance";
    /** A live call could not pay its next minute and is being hung up (data = the account). */
    public static final String ACCOUNT_EXHAUSTED = "billing_account_exhausted";

    private final EventOutbox outbox;

    public BillingEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> billing(String type, Billing billing) {
        return outbox.add(type, billing.customerId, PublicJson.toJson(BillingMapper.toProto(billing))).replaceWithVoid();
    }

    public Uni<Void> account(String type, BillingAccount account) {
        return outbox.add(type, account.customerId, PublicJson.toJson(BillingAccountMapper.toProto(account))).replaceWithVoid();
    }
}
