package net.voipbin.billing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.config.BillingConfig;
import net.voipbin.billing.model.Billing;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.billing.repository.BillingAccountRepository;
import net.voipbin.billing.repository.BillingRepository;
import net.voipbin.billing.repository.LiveCallRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Accounts, their balances through the {@link Ledger}, and the balance pre-check. */
@ApplicationScoped
public class BillingAccountService {

    private static final Set<String> TYPES = Set.of(BillingAccount.TYPE_NORMAL, BillingAccount.TYPE_ADMIN);
    /** What a call is priced at before its direction is known: the outgoing PSTN rate (the dearest). */
    static final String CALL_PRECHECK_COST_TYPE = "call_pstn_outgoing";

    private final BillingAccountRepository accounts;
    private final BillingRepository billings;
    private final Ledger ledger;
    private final BillingConfig config;
    private final LiveCallRepository live;

    public BillingAccountService(BillingAccountRepository accounts, BillingRepository billings, Ledger ledger, BillingConfig config,
                                 LiveCallRepository live) {
        this.live = live;
        this.accounts = accounts;
        this.billings = billings;
        this.ledger = ledger;
        this.config = config;
    }

    @WithTransaction
    public Uni<BillingAccount> create(UUID customerId, String name, String detail, String type) {
        String accountType = type == null || type.isBlank() ? BillingAccount.TYPE_NORMAL : type;
        if (!TYPES.contains(accountType)) {
            throw Errors.invalidArgument("type", "must be one of " + TYPES);
        }
        if (name != null && name.length() > 255) {
            throw Errors.invalidArgument("name", "must be at most 255 characters");
        }
        BillingAccount account = new BillingAccount();
        account.id = Ids.newId();
        account.customerId = customerId;
        account.name = name == null ? "" : name;
        account.detail = detail == null ? "" : detail;
        account.type = accountType;
        account.tmCreate = TimeFormat.now();
        return accounts.persist(account);
    }

    @WithSession
    public Uni<BillingAccount> get(UUID customerId, UUID id) {
        return accounts.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("billing account", id));
    }

    @WithSession
    public Uni<BillingAccount> getDefault(UUID customerId) {
        return accounts.findDefault(customerId)
                .onItem().ifNull().failWith(() -> Errors.notFound("billing account of customer", customerId));
    }

    @WithSession
    public Uni<List<BillingAccount>> list(UUID customerId, UUID after, int limit) {
        return accounts.listForCustomer(customerId, after, limit);
    }

    /** A top-up of credit (top_up / credit_adjustment in the ledger). */
    @WithTransaction
    public Uni<BillingAccount> addBalance(UUID customerId, UUID id, long amountMicros) {
        if (amountMicros <= 0) {
            throw Errors.invalidArgument("amount_micros", "must be positive");
        }
        return adjust(customerId, id, Billing.TRANSACTION_TOP_UP, amountMicros);
    }

    /** Operator adjustment upwards (adjustment / credit_adjustment). */
    @WithTransaction
    public Uni<BillingAccount> addBalanceForce(UUID customerId, UUID id, long amountMicros) {
        if (amountMicros <= 0) {
            throw Errors.invalidArgument("balance", "must be a positive amount of micros");
        }
        return adjust(customerId, id, Billing.TRANSACTION_ADJUSTMENT, amountMicros);
    }

    /** Operator adjustment downwards; refused rather than leaving a negative balance. */
    @WithTransaction
    public Uni<BillingAccount> subtractBalanceForce(UUID customerId, UUID id, long amountMicros) {
        if (amountMicros <= 0) {
            throw Errors.invalidArgument("balance", "must be a positive amount of micros");
        }
        return adjust(customerId, id, Billing.TRANSACTION_ADJUSTMENT, -amountMicros);
    }

    /** {@code customerId} null: an operator names the account by id alone (superadmin at the API). */
    private Uni<BillingAccount> adjust(UUID customerId, UUID id, String transactionType, long amount) {
        // Locked: concurrent credits on one account must add up, not overwrite each other.
        Uni<BillingAccount> locked = customerId == null
                ? accounts.lockById(id).map(a -> a == null || a.tmDelete != null ? null : a)
                : accounts.lockForCustomer(customerId, id);
        return locked
                .onItem().ifNull().failWith(() -> Errors.notFound("billing account", id))
                .chain(account -> {
                    if (amount < 0 && account.balanceCredit + amount < 0) {
                        throw Errors.failedPrecondition("balance: the account holds " + account.balanceCredit
                                + " micros; subtracting " + (-amount) + " would leave it negative");
                    }
                    Billing entry = Ledger.entry(account, transactionType, "credit_adjustment", null);
                    entry.amountCredit = amount;
                    entry.billableUnits = 1;
                    entry.tmBillingStart = entry.tmCreate;
                    entry.tmBillingEnd = entry.tmCreate;
                    return ledger.post(account, entry).replaceWith(account);
                });
    }

    /**
     * May this customer start a billable thing? The verdict names its reason, which the API shows
     * with its 402 (after call-manager's "insufficient balance: "). The default account decides; a customer without one (created before billing
     * followed customers) falls back to its other accounts, as before.
     */
    @WithSession
    public Uni<Verdict> check(UUID customerId, String billingType) {
        return accounts.findDefault(customerId)
                .chain(account -> account != null ? Uni.createFrom().item(account)
                        : accounts.find("customerId = ?1 and tmDelete is null order by case when type = ?2 then 0 else 1 end, balanceCredit desc",
                        customerId, BillingAccount.TYPE_ADMIN).firstResult())
                // What live calls hold is not there to start another call with.
                .chain(account -> account == null ? Uni.createFrom().item(verdict(null, billingType, new long[]{0, 0}))
                        : live.reserved(account.id).map(held -> verdict(account, billingType, held)));
    }

    Verdict verdict(BillingAccount account, String billingType, long[] held) {
        if (account == null) {
            return Verdict.refuse(null, "no billing account");
        }
        if (!account.isUsable()) {
            return Verdict.refuse(account, "billing account " + account.id + " is " + (account.tmDelete != null ? "deleted" : account.status));
        }
        if (BillingAccount.TYPE_ADMIN.equals(account.type) || BillingAccount.PLAN_UNLIMITED.equals(account.planType)) {
            return Verdict.allow(account);
        }
        BillingConfig.Rate rate = config.rates().get(CALL_PRECHECK_COST_TYPE);
        if (CallPricing.affordableMinutes(rate, account.balanceToken - held[0], account.balanceCredit - held[1]) >= 1) {
            return Verdict.allow(account);
        }
        return Verdict.refuse(account, "billing account " + account.id + " holds "
                + account.balanceCredit + " micros and " + account.balanceToken + " tokens"
                + (held[0] > 0 || held[1] > 0 ? " (" + held[1] + " micros and " + held[0] + " tokens held by calls in progress)" : "")
                + ", less than one minute of a call");
    }

    /** The pre-check's answer. */
    public record Verdict(boolean valid, BillingAccount account, String reason) {
        static Verdict allow(BillingAccount account) {
            return new Verdict(true, account, "");
        }

        static Verdict refuse(BillingAccount account, String reason) {
            return new Verdict(false, account, reason);
        }
    }

    @WithSession
    public Uni<Billing> getBilling(UUID customerId, UUID id) {
        return billings.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("billing", id));
    }

    @WithSession
    public Uni<List<Billing>> listBillings(UUID customerId, UUID after, int limit, UUID referenceId) {
        return billings.listFiltered(customerId, after, limit, referenceId);
    }
}
