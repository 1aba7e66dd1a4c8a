package net.voipbin.billing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.config.BillingConfig;
import net.voipbin.billing.model.Billing;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.billing.repository.BillingAccountRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Billing accounts follow customers (notes 4.9): a customer's creation opens its default account
 * (prepaid, plan free, the plan's monthly tokens), freezing, recovering and deleting it follow;
 * each month the token balance is reset to the plan's allowance (no rollover) by a durable timer.
 * Every step is idempotent: a redelivered event or a timer fired twice changes nothing more.
 */
@ApplicationScoped
public class AccountLifecycle {

    public static final String TIMER_ALLOWANCE = "billing.monthly-allowance";

    private final BillingAccountRepository accounts;
    private final Ledger ledger;
    private final BillingEvents events;
    private final DurableTimers timers;
    private final BillingConfig config;

    public AccountLifecycle(BillingAccountRepository accounts, Ledger ledger, BillingEvents events,
                            DurableTimers timers, BillingConfig config) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.events = events;
        this.timers = timers;
        this.config = config;
    }

    /** customer_created: the default account with this month's allowance. Emits the account. */
    public Uni<BillingAccount> onCustomerCreated(UUID customerId) {
        // A plain read, not a locking one: locking a row that does not exist yet gap-locks the unique
        // index, and two customers created at once then deadlocked on their inserts. A concurrent
        // duplicate of the same customer fails on the unique default_for and is redelivered, finding the row.
        return Panache.withTransaction(() -> accounts.findDefault(customerId).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            BillingAccount account = new BillingAccount();
            account.id = Ids.newId();
            account.customerId = customerId;
            account.defaultFor = customerId;
            account.name = "basic billing account";
            account.detail = "billing account for default use";
            account.type = BillingAccount.TYPE_NORMAL;
            account.paymentType = "prepaid";
            account.tmCreate = TimeFormat.now();
            return accounts.persist(account)
                    .chain(() -> events.account(BillingEvents.ACCOUNT_CREATED, account))
                    .chain(() -> topUp(account, TimeFormat.now()))
                    .replaceWith(account);
        }));
    }

    public Uni<Void> onCustomerFrozen(UUID customerId) {
        return setStatus(customerId, BillingAccount.STATUS_ACTIVE, BillingAccount.STATUS_FROZEN);
    }

    public Uni<Void> onCustomerRecovered(UUID customerId) {
        return setStatus(customerId, BillingAccount.STATUS_FROZEN, BillingAccount.STATUS_ACTIVE);
    }

    public Uni<Void> onCustomerDeleted(UUID customerId) {
        return Panache.withTransaction(() -> accounts.list("customerId = ?1 and tmDelete is null", customerId)
                .chain(all -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (BillingAccount account : all) {
                        account.status = BillingAccount.STATUS_DELETED;
                        account.tmDelete = TimeFormat.now();
                        account.tmUpdate = account.tmDelete;
                        chain = chain.chain(() -> events.account(BillingEvents.ACCOUNT_UPDATED, account));
                    }
                    return chain;
                }));
    }

    private Uni<Void> setStatus(UUID customerId, String from, String to) {
        return Panache.withTransaction(() -> accounts.list("customerId = ?1 and tmDelete is null and status = ?2", customerId, from)
                .chain(all -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (BillingAccount account : all) {
                        account.status = to;
                        account.tmUpdate = TimeFormat.now();
                        chain = chain.chain(() -> events.account(BillingEvents.ACCOUNT_UPDATED, account));
                    }
                    return chain;
                }));
    }

    /** The monthly timer of one account: reset its tokens when due, then arm the next month. */
    public Uni<Void> onAllowanceDue(UUID accountId) {
        return accounts.lockById(accountId).chain(account -> {
            if (account == null || account.tmDelete != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = TimeFormat.now();
            if (account.tmNextTopup != null && account.tmNextTopup.isAfter(now)) {
                return Uni.createFrom().voidItem();
            }
            return topUp(account, now);
        });
    }

    /**
     * Resets the tokens to the plan's allowance with a ledger row keyed by account and month, so a
     * second top-up of the same month is impossible; arms the timer for the 1st of next month (UTC).
     */
    Uni<Void> topUp(BillingAccount account, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant next = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long allowance = allowance(account.planType);
        account.tmLastTopup = now;
        account.tmNextTopup = next;
        account.tmUpdate = now;
        Uni<Void> schedule = timers.schedule(TIMER_ALLOWANCE, account.id.toString(), account.customerId, month.plusMonths(1).toString(), next)
                .replaceWithVoid();
        if (allowance <= 0 || account.balanceToken == allowance) {
            return schedule.chain(() -> events.account(BillingEvents.ACCOUNT_UPDATED, account));
        }
        Billing entry = Ledger.entry(account, Billing.TRANSACTION_TOP_UP, "monthly_allowance", monthKey(account.id, month));
        entry.amountToken = allowance - account.balanceToken;
        entry.billableUnits = 1;
        entry.tmBillingStart = now;
        entry.tmBillingEnd = now;
        return schedule.chain(() -> ledger.post(account, entry)).replaceWithVoid();
    }

    long allowance(String planType) {
        BillingConfig.Plan plan = config.plans().get(planType);
        return plan == null ? 0 : plan.monthlyTokens();
    }

    /** A name-based id per account and month: the ledger's unique reference makes the top-up once-only. */
    static UUID monthKey(UUID accountId, YearMonth month) {
        return UUID.nameUUIDFromBytes((accountId + ":topup:" + month).getBytes(StandardCharsets.UTF_8));
    }
}
