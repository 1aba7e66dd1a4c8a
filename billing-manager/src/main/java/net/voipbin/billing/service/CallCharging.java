package net.voipbin.billing.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.config.BillingConfig;
import net.voipbin.billing.model.Billing;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.billing.repository.BillingAccountRepository;
import net.voipbin.billing.repository.BillingRepository;
import net.voipbin.billing.repository.LiveCallRepository;
import org.jboss.logging.Logger;

/**
 * Charges a hung-up call exactly once: under the customer's account lock the ledger is checked for
 * the call, and the row and the balance change are written in one transaction. A redelivered
 * {@code call_hungup}, a second replica, or a restart between "charged" and "acknowledged" finds
 * the row and does nothing; the unique (reference_type, reference_id) key is the last guard.
 */
@ApplicationScoped
public class CallCharging {

    private static final Logger LOG = Logger.getLogger(CallCharging.class);

    private final BillingAccountRepository accounts;
    private final BillingRepository billings;
    private final Ledger ledger;
    private final LiveCallRepository live;
    private final BillingConfig config;

    public CallCharging(BillingAccountRepository accounts, BillingRepository billings, Ledger ledger,
                        LiveCallRepository live, BillingConfig config) {
        this.accounts = accounts;
        this.billings = billings;
        this.ledger = ledger;
        this.live = live;
        this.config = config;
    }

    /** {@code call} is the public Call JSON of a call_hungup event. Emits the ledger row, or null. */
    public Uni<Billing> onCallHungup(JsonNode call) {
        var usage = CallPricing.usage(call);
        if (usage.isEmpty()) {
            return Uni.createFrom().nullItem(); // never answered: nothing to bill
        }
        CallPricing.CallUsage u = usage.get();
        return Panache.withTransaction(() -> accounts.lockDefault(u.customerId()).chain(account -> {
            if (account == null) {
                LOG.warnf("call %s of customer %s: no billing account, not charged", u.callId(), u.customerId());
                return Uni.createFrom().nullItem();
            }
            // The live row (if the call was answered while reservations were kept) goes with the charge:
            // its reservation is released in the transaction that spends it.
            Uni<Void> release = live.findById(u.callId())
                    .chain(row -> row == null ? Uni.createFrom().voidItem() : live.delete(row));
            return billings.findByReference(u.referenceType(), u.callId()).chain(existing -> {
                if (existing != null) {
                    return release.replaceWith(existing);
                }
                // The call may spend its own reservation and whatever no other live call of the account holds.
                return live.reserved(account.id, u.callId())
                        .chain(others -> release.chain(() -> ledger.post(account, entry(account, u, others))));
            });
        }));
    }

    Billing entry(BillingAccount account, CallPricing.CallUsage u, long[] othersReserved) {
        BillingConfig.Rate rate = config.rates().get(u.costType());
        boolean free = BillingAccount.TYPE_ADMIN.equals(account.type) || BillingAccount.PLAN_UNLIMITED.equals(account.planType);
        long minutes = u.minutes(config.minute());
        CallPricing.Charge charge = free ? new CallPricing.Charge(minutes, 0, 0)
                : CallPricing.charge(rate, minutes, Math.max(0, account.balanceToken - othersReserved[0]),
                Math.max(0, account.balanceCredit - othersReserved[1]));
        Billing entry = Ledger.entry(account, Billing.TRANSACTION_USAGE, u.referenceType(), u.callId());
        entry.costType = u.costType();
        entry.usageDuration = u.seconds();
        entry.billableUnits = charge.units();
        entry.rateTokenPerUnit = rate == null ? 0 : rate.tokenPerUnit();
        entry.rateCreditPerUnit = rate == null ? 0 : rate.creditPerUnit();
        entry.amountToken = -charge.tokens();
        entry.amountCredit = -charge.credit();
        entry.tmBillingStart = u.start();
        entry.tmBillingEnd = u.end();
        return entry;
    }
}
