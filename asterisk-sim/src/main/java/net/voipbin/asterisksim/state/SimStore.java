package net.voipbin.asterisksim.state;

import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import net.voipbin.asterisksim.events.EventHub;
import net.voipbin.asterisksim.model.AriTime;
import net.voipbin.asterisksim.model.EndpointBehavior;
import net.voipbin.asterisksim.model.SimBridge;
import net.voipbin.asterisksim.model.SimChannel;
import net.voipbin.asterisksim.model.SimPlayback;
import net.voipbin.asterisksim.model.SimRecording;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Everything the simulated Asterisk holds (channels, bridges, playbacks, recordings, scripted endpoints) and the one
 * lock that guards all of it. The per-resource classes of this package ({@link Channels}, {@link Dialing},
 * {@link Bridges}, {@link Playbacks}, {@link Recordings}...) own no state of their own: their public methods take this
 * lock through {@link #locked}, their package-private ones expect it held ({@link #requireLock}). One lock rather than
 * one per resource because a single ARI operation crosses resources (a hangup finishes playbacks and recordings, leaves
 * the bridge and hangs up snoops) and its events must come out in Asterisk's order; every operation takes microseconds.
 * Delays run on Vert.x timers that take the same lock when they fire, never on sleeping threads.
 */
@Singleton
public class SimStore {
    /** Hung-up channels kept for GET /sim/channels (the oldest are forgotten beyond this). */
    static final int ENDED_KEPT = 20_000;

    final Vertx vertx;
    private final EventHub hub;

    // Plain maps: every read and write happens under this object's lock.
    final Map<String, SimChannel> channels = new LinkedHashMap<>();
    final Map<String, SimChannel> ended = new HashMap<>();
    final ArrayDeque<String> endedOrder = new ArrayDeque<>();
    final Map<String, EndpointBehavior> behaviors = new LinkedHashMap<>();
    final Map<String, SimPlayback> playbacks = new HashMap<>();
    final Map<String, SimBridge> bridges = new LinkedHashMap<>();
    final Map<String, SimRecording> liveRecordings = new LinkedHashMap<>();
    final Map<String, SimRecording> storedRecordings = new LinkedHashMap<>();
    private long seq;
    private final long epoch = System.currentTimeMillis() / 1000;

    public SimStore(Vertx vertx, EventHub hub) {
        this.vertx = vertx;
        this.hub = hub;
    }

    /** Runs {@code work} under the state lock. */
    public <T> T locked(Supplier<T> work) {
        synchronized (this) {
            return work.get();
        }
    }

    /** Runs {@code work} under the state lock. */
    public void locked(Runnable work) {
        synchronized (this) {
            work.run();
        }
    }

    /** Package-private mutators call this first: touching the state without the lock is a bug, not a race to find later. */
    void requireLock() {
        if (!Thread.holdsLock(this)) {
            throw new IllegalStateException("asterisk-sim state touched without its lock");
        }
    }

    /** POST /sim/reset: forgets everything, cancelling pending timers, and emits no events. */
    public void reset() {
        locked(() -> {
            channels.values().forEach(ch -> ch.timers.forEach(vertx::cancelTimer));
            playbacks.values().forEach(p -> vertx.cancelTimer(p.timer));
            liveRecordings.values().forEach(r -> vertx.cancelTimer(r.timer));
            channels.clear();
            ended.clear();
            endedOrder.clear();
            behaviors.clear();
            playbacks.clear();
            bridges.clear();
            liveRecordings.clear();
            storedRecordings.clear();
        });
    }

    long nextSeq() {
        requireLock();
        return ++seq;
    }

    /** A caller-chosen channel id may not reuse a live or remembered one. */
    void requireFreeChannelId(String id) {
        requireLock();
        if (id != null && (channels.containsKey(id) || ended.containsKey(id))) {
            throw new net.voipbin.asterisksim.model.AriException(409, "Channel with given unique ID already exists");
        }
    }

    /** A new PJSIP channel (not yet registered): id like Asterisk's {@code <epoch>.<n>} unless given. */
    SimChannel newChannel(String id, String number) {
        long n = nextSeq();
        SimChannel ch = new SimChannel();
        ch.id = id != null ? id : epoch + "." + n;
        ch.name = "PJSIP/" + number + "-" + String.format("%08x", n);
        ch.creationtime = AriTime.now();
        ch.sipCallId = UUID.randomUUID() + "@asterisk-sim";
        return ch;
    }

    /** Moves a hung-up channel to the remembered ones, forgetting the oldest beyond {@link #ENDED_KEPT}. */
    void retire(SimChannel ch) {
        requireLock();
        channels.remove(ch.id);
        ended.put(ch.id, ch);
        endedOrder.addLast(ch.id);
        while (endedOrder.size() > ENDED_KEPT) {
            ended.remove(endedOrder.removeFirst());
        }
    }

    /** Runs {@code action} under the lock after {@code ms}, unless the channel has hung up meanwhile (hangup cancels it). */
    void later(SimChannel ch, long ms, Runnable action) {
        requireLock();
        long id = vertx.setTimer(Math.max(1, ms), t -> locked(() -> {
            ch.timers.remove(t);
            if (!ch.hungUp) {
                action.run();
            }
        }));
        ch.timers.add(id);
    }

    /** Runs {@code action} under the lock after {@code ms}; returns the Vert.x timer id (to cancel it). */
    long timer(long ms, Runnable action) {
        return vertx.setTimer(Math.max(1, ms), t -> locked(action));
    }

    /** Emits an event whose only field besides the envelope is {@code key}. */
    void event(String type, String key, Map<String, Object> value) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(key, value);
        emit(type, f);
    }

    /** Emits under the lock, so frames leave in the order the state changed. */
    void emit(String type, Map<String, Object> fields) {
        requireLock();
        hub.emit(type, fields);
    }
}
