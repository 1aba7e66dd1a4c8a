package net.voipbin.billing.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.config.BillingConfig;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.billing.model.LiveCall;
import net.voipbin.billing.repository.BillingAccountRepository;
import net.voipbin.billing.repository.BillingRepository;
import net.voipbin.billing.repository.LiveCallRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.time.TimeFormat;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The mid-call cut-off (the docs' promise of no negative balances): an answered call pays each
 * started minute before it begins. On answer its first minute is reserved; shortly before each
 * minute boundary (the margin) a durable timer reserves the next one out of the account's balance
 * less what its other live calls hold. A minute nobody can pay ends the call: the live row is marked
 * cut off, {@code billing_account_exhausted} is announced and a durable timer asks call-manager to hang
 * up (reason {@code timeout}: a duration limit). Admin accounts, the unlimited plan and free rates keep
 * no live row. Every step locks the account row first (the one lock order) and re-checks the row, so a
 * timer firing after the hangup, or twice, does nothing.
 */
@ApplicationScoped
public class CallCutoff {

    private static final Logger LOG = Logger.getLogger(CallCutoff.class);

    public static final String TIMER_MINUTE = "billing.call-minute";
    public static final String TIMER_HANGUP = "billing.call-cutoff";

    private final BillingAccountRepository accounts;
    private final BillingRepository billings;
    private final LiveCallRepository live;
    private final DurableTimers timers;
    private final BillingEvents events;
    private final BillingConfig config;

    public CallCutoff(BillingAccountRepository accounts, BillingRepository billings, LiveCallRepository live,
                      DurableTimers timers, BillingEvents events, BillingConfig config) {
        this.accounts = accounts;
        this.billings = billings;
        this.live = live;
        this.timers = timers;
        this.events = events;
        this.config = config;
    }

    /** call_progressing (the public Call JSON): the call's live row with its first minute(s) reserved. */
    public Uni<Void> onCallAnswered(com.fasterxml.jackson.databind.JsonNode call) {
        if (!config.cutoff().enabled()) {
            return Uni.createFrom().voidItem();
        }
        var start = CallPricing.start(call);
        if (start.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        CallPricing.CallStart s = start.get();
        BillingConfig.Rate rate = config.rates().get(s.costType());
        if (!CallPricing.isPaid(rate)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> accounts.lockDefault(s.customerId()).chain(account -> {
            if (account == null || isUnmetered(account)) {
                return Uni.createFrom().voidItem();
            }
            // Already live (a re-sent event) or already charged (call_hungup came first: events of a
            // channel run concurrently), then there is nothing to hold for it.
            return live.findById(s.callId()).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                    : billings.findByReference(s.referenceType(), s.callId()).chain(charged -> {
                        if (charged != null) {
                            return Uni.createFrom().voidItem();
                        }
                        LiveCall row = new LiveCall();
                        row.id = s.callId();
                        row.customerId = s.customerId();
                        row.accountId = account.id;
                        row.costType = s.costType();
                        row.tmProgressing = s.start();
                        row.tmCreate = TimeFormat.now();
                        return live.persist(row).chain(() -> reserveDue(account, row, 1));
                    }));
        }));
    }

    /** The minute timer of {@code callId}: reserve minute {@code minute} (and any already begun) or cut off. */
    public Uni<Void> onMinuteDue(UUID accountId, UUID callId, long minute) {
        return Panache.withTransaction(() -> accounts.lockById(accountId).chain(account -> account == null
                ? Uni.createFrom().voidItem()
                : live.findById(callId).chain(row -> {
                    if (row == null || row.tmCutoff != null || row.minutesReserved >= minute) {
                        return Uni.createFrom().voidItem(); // hung up, cut off, or this minute is held already
                    }
                    return reserveDue(account, row, minute);
                })));
    }

    /**
     * Reserves minutes up to {@code minute}, and up to the one the clock is in (a late event or timer
     * must not let minutes already begun go unpaid), then arms the timer of the next one; or cuts off.
     */
    private Uni<Void> reserveDue(BillingAccount account, LiveCall row, long minute) {
        Instant now = TimeFormat.now();
        long through = Math.max(minute, minuteAt(row.tmProgressing, now.plus(config.cutoff().margin()), config.minute()));
        BillingConfig.Rate rate = config.rates().get(row.costType);
        return live.reserved(account.id, row.id).chain(others -> {
            long tokens = account.balanceToken - others[0] - row.tokensReserved;
            long credit = account.balanceCredit - others[1] - row.creditReserved;
            while (row.minutesReserved < through) {
                var next = CallPricing.reserveMinute(rate, tokens, credit);
                if (next.isEmpty()) {
                    return cutOff(account, row, now);
                }
                tokens -= next.get().tokens();
                credit -= next.get().credit();
                row.tokensReserved += next.get().tokens();
                row.creditReserved += next.get().credit();
                row.minutesReserved++;
            }
            row.tmUpdate = now;
            // Keyed per minute: the firing timer's own row is never re-armed from beside its claim.
            return timers.schedule(TIMER_MINUTE, row.id + ":" + (row.minutesReserved + 1), row.customerId,
                    account.id.toString(), nextReservationAt(row.tmProgressing, row.minutesReserved, config.minute(),
                            config.cutoff().margin())).replaceWithVoid();
        });
    }

    private Uni<Void> cutOff(BillingAccount account, LiveCall row, Instant now) {
        row.tmCutoff = now;
        row.tmUpdate = now;
        LOG.infof("call %s of customer %s: account %s cannot pay minute %d (%d tokens, %d micros, part held by other calls); hanging up",
                row.id, row.customerId, account.id, row.minutesReserved + 1, account.balanceToken, account.balanceCredit);
        return events.account(BillingEvents.ACCOUNT_EXHAUSTED, account)
                .chain(() -> timers.schedule(TIMER_HANGUP, row.id.toString(), row.customerId, account.id.toString(), now))
                .replaceWithVoid();
    }

    /** The cut-off's hangup is still wanted: the call has not been charged (its live row is there). */
    public Uni<Boolean> stillLive(UUID callId) {
        return Panache.withSession(() -> live.findById(callId)).map(row -> row != null);
    }

    static boolean isUnmetered(BillingAccount account) {
        return BillingAccount.TYPE_ADMIN.equals(account.type) || BillingAccount.PLAN_UNLIMITED.equals(account.planType);
    }

    /** The started minute (1-based) a call answered at {@code start} is in at {@code at}. */
    static long minuteAt(Instant start, Instant at, Duration minute) {
        long elapsed = Math.max(0, Duration.between(start, at).toMillis());
        return elapsed / minute.toMillis() + 1;
    }

    /** When minute {@code reserved + 1} must be paid for: its start less the margin. */
    static Instant nextReservationAt(Instant start, long reserved, Duration minute, Duration margin) {
        return start.plus(minute.multipliedBy(reserved)).minus(margin);
    }
}
