package net.voipbin.billing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.config.BillingConfig;
import net.voipbin.billing.model.Billing;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.billing.repository.BillingRepository;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.util.UUID;

/**
 * The one way a balance changes: on an account row the caller holds locked, in the caller's
 * transaction, the ledger row and the new balances are written together (with the events), so
 * the balances always equal the sums of the ledger. Rows are never updated afterwards.
 */
@ApplicationScoped
public class Ledger {

    private final BillingRepository billings;
    private final BillingEvents events;
    private final BillingConfig config;

    public Ledger(BillingRepository billings, BillingEvents events, BillingConfig config) {
        this.billings = billings;
        this.events = events;
        this.config = config;
    }

    /** A new entry for {@code account}; amounts and the rest of the row are the caller's. */
    public static Billing entry(BillingAccount account, String transactionType, String referenceType, UUID referenceId) {
        Billing b = new Billing();
        b.id = Ids.newId();
        b.customerId = account.customerId;
        b.accountId = account.id;
        b.transactionType = transactionType;
        b.referenceType = referenceType;
        b.referenceId = referenceId == null ? b.id : referenceId;
        b.tmCreate = TimeFormat.now();
        return b;
    }

    /** Applies {@code entry}'s amounts to the locked {@code account} and stores both. */
    public Uni<Billing> post(BillingAccount account, Billing entry) {
        long creditBefore = account.balanceCredit;
        account.balanceToken = Math.addExact(account.balanceToken, entry.amountToken);
        account.balanceCredit = Math.addExact(account.balanceCredit, entry.amountCredit);
        account.tmUpdate = entry.tmCreate;
        entry.balanceTokenSnapshot = account.balanceToken;
        entry.balanceCreditSnapshot = account.balanceCredit;
        boolean crossedLow = creditBefore >= config.lowBalanceThreshold() && account.balanceCredit < config.lowBalanceThreshold();
        return billings.persist(entry)
                .chain(() -> events.billing(BillingEvents.BILLING_CREATED, entry))
                .chain(() -> events.account(BillingEvents.ACCOUNT_UPDATED, account))
                .chain(() -> crossedLow ? events.account(BillingEvents.ACCOUNT_LOW_BALANCE, account) : Uni.createFrom().voidItem())
                .replaceWith(entry);
    }
}
