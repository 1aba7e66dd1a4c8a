package net.voipbin.api.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import net.voipbin.api.config.ApiConfig;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Exponential back-off on failed logins, counted per client (its rate-limit key) and per username. After
 * {@code free-failures} failures, each further attempt must wait {@code initial-delay} doubled per failure, up to
 * {@code max-delay}; before that it is refused with 429 + {@code Retry-After} without checking the password. A
 * success clears the username's count; failures are forgotten after {@code forget-after} without one.
 *
 * <p>What it does not give away or allow:
 * <ul>
 * <li>Whether a username exists: unknown usernames are counted and delayed exactly like known ones.</li>
 * <li>Parallel bursts: an attempt is counted as failed when it starts (bcrypt takes a while) and refunded when
 * it succeeds, so 100 guesses sent at once are judged one after another.</li>
 * <li>A cheap lock-out of the owner: a client that has logged into a username before is not held back by that
 * username's count (only by its own), so someone failing on purpose from elsewhere does not stop the owner
 * logging in from where they usually do. The owner on a new address waits at most {@code max-delay} per attempt,
 * and only while someone keeps failing at least once per delay, each failure also growing that someone's own
 * client delay. The price, documented in SECURITY.md: an attacker spread over many addresses still gets about
 * one guess per {@code max-delay} per username (12 an hour at 5 min), and the owner on a new address may be
 * slowed that much while an attack goes on.</li>
 * </ul>
 * Counts live in this instance's memory (at most {@link #MAX_KEYS} of each, least recently used dropped), so N
 * replicas allow N times the guesses; the per-IP login bucket still applies on top.
 */
@ApplicationScoped
public class LoginBackoff {

    static final int MAX_KEYS = 100_000;
    static final String LIMITED_BY = "login_failures";

    private final int freeFailures;
    private final long initialNanos;
    private final long maxNanos;
    private final long forgetNanos;
    private final LongSupplier clock;
    private final LruMap<String, Failures> byClient = new LruMap<>(MAX_KEYS);
    private final LruMap<String, Failures> byUsername = new LruMap<>(MAX_KEYS);
    /** username + client pairs that have logged in: the username's count does not hold them back. */
    private final LruMap<String, Boolean> knownClients = new LruMap<>(MAX_KEYS);

    private record Failures(int count, long lastNanos) {
    }

    @Inject
    public LoginBackoff(ApiConfig config) {
        this(config.rateLimit().loginBackoff(), System::nanoTime);
    }

    LoginBackoff(ApiConfig.RateLimit.LoginBackoff settings, LongSupplier clock) {
        this.freeFailures = Math.max(0, settings.freeFailures());
        this.initialNanos = Math.max(1, settings.initialDelay().toNanos());
        this.maxNanos = Math.max(initialNanos, settings.maxDelay().toNanos());
        this.forgetNanos = settings.forgetAfter().toNanos();
        this.clock = clock;
    }

    /**
     * Starts an attempt of {@code client} on {@code username}: null when it may go ahead (it now counts as a
     * failure until {@link #succeeded}), else the 429 to answer.
     */
    public Response begin(String client, String username) {
        long wait = waitNanos(client, username);
        if (wait > 0) {
            return TooManyRequests.response(RateLimiter.retryAfterSeconds(wait), LIMITED_BY);
        }
        long now = clock.getAsLong();
        count(byClient, client, now, 1);
        count(byUsername, name(username), now, 1);
        return null;
    }

    /** The attempt begun by {@link #begin} proved the password: refund it and clear the username's count. */
    public void succeeded(String client, String username) {
        count(byClient, client, clock.getAsLong(), -1);
        byUsername.remove(name(username));
        knownClients.put(pair(client, username), Boolean.TRUE);
    }

    /** Nanoseconds until {@code client} may try {@code username} again; 0: now. */
    long waitNanos(String client, String username) {
        long now = clock.getAsLong();
        long wait = waitOf(byClient.get(client), now);
        if (!knownClients.containsKey(pair(client, username))) {
            wait = Math.max(wait, waitOf(byUsername.get(name(username)), now));
        }
        return wait;
    }

    private long waitOf(Failures f, long now) {
        if (f == null || now - f.lastNanos > forgetNanos || f.count <= freeFailures) {
            return 0;
        }
        int doublings = Math.min(f.count - freeFailures - 1, 62);
        long delay = initialNanos > (maxNanos >> doublings) ? maxNanos : initialNanos << doublings;
        return Math.max(0, f.lastNanos + delay - now);
    }

    private void count(LruMap<String, Failures> map, String key, long now, int change) {
        synchronized (map) {
            Failures f = map.get(key);
            int before = f == null || now - f.lastNanos > forgetNanos ? 0 : f.count;
            int after = Math.max(0, before + change);
            if (after == 0) {
                map.remove(key);
            } else {
                // A refund keeps the time of the last real failure.
                map.put(key, new Failures(after, change > 0 || f == null ? now : f.lastNanos));
            }
        }
    }

    /** Usernames compare case-insensitively in the database's collation; so do their counts. */
    private static String name(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static String pair(String client, String username) {
        return name(username) + '\n' + client;
    }
}
