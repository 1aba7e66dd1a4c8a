package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Media operations requested over RPC (and later the API) on a customer's call. Each needs the call
 * answered (progressing); otherwise FAILED_PRECONDITION says why.
 */
@ApplicationScoped
public class CallMedia {

    private static final Set<String> DIRECTIONS = Set.of("in", "out", "both");
    private static final java.util.regex.Pattern DTMF = java.util.regex.Pattern.compile("[0-9A-D#*]{1,100}");

    private final CallRepository calls;
    private final CallEvents events;
    private final AriClient ari;
    private final Transactions tx;
    private final PlayMediaGuard guard;

    public CallMedia(CallRepository calls, CallEvents events, AriClient ari, Transactions tx, PlayMediaGuard guard) {
        this.guard = guard;
        this.tx = tx;
        this.calls = calls;
        this.events = events;
        this.ari = ari;
    }

    /** The customer's call, which must be progressing. */
    public Uni<Call> progressing(UUID customerId, UUID id) {
        return Panache.withSession(() -> calls.findForCustomer(customerId, id))
                .onItem().ifNull().failWith(() -> Errors.notFound("call", id))
                .invoke(call -> {
                    if (!Call.STATUS_PROGRESSING.equals(call.status)) {
                        throw Errors.failedPrecondition("call " + id + " is " + call.status + ", not progressing: media operations need an answered call");
                    }
                });
    }

    public Uni<Call> toggle(UUID customerId, UUID id, String what, boolean on) {
        return progressing(customerId, id)
                .call(call -> ari.toggle(call.asteriskId, call.channelId, what, on, Map.of()));
    }

    /** What mute_direction becomes: muting adds a direction, unmuting removes it. */
    public static String muteAfter(String current, boolean on, String direction) {
        boolean in = "in".equals(current) || "both".equals(current);
        boolean out = "out".equals(current) || "both".equals(current);
        boolean dIn = "in".equals(direction) || "both".equals(direction);
        boolean dOut = "out".equals(direction) || "both".equals(direction);
        if (on) {
            in |= dIn;
            out |= dOut;
        } else {
            in &= !dIn;
            out &= !dOut;
        }
        return in && out ? "both" : in ? "in" : out ? "out" : "";
    }

    public Uni<Call> mute(UUID customerId, UUID id, boolean on, String direction) {
        String dir = direction == null || direction.isEmpty() ? "both" : direction;
        if (!DIRECTIONS.contains(dir)) {
            throw Errors.invalidArgument("direction", "must be in, out or both");
        }
        return progressing(customerId, id).chain(call -> applyMute(call, on, dir));
    }

    /**
     * Mutes or unmutes the channel and records it, one call at a time: the call's row is locked first,
     * the channel toggled while it is held, and mute_direction computed from the row as locked (never
     * from a copy read before). Concurrent mutes and unmutes of a call thus reach Asterisk in the order
     * they are recorded, and the last one recorded is what the channel has. Used by the RPC and by the
     * mute/unmute actions.
     */
    public Uni<Call> applyMute(Call call, boolean on, String direction) {
        String dir = direction == null || direction.isEmpty() ? "both" : direction;
        return tx.retrying(() -> calls.lockById(call.id).chain(c -> ari.toggle(c.asteriskId, c.channelId, "mute", on,
                Map.of("direction", dir)).chain(() -> {
                    c.muteDirection = muteAfter(c.muteDirection, on, dir);
                    c.tmUpdate = TimeFormat.now();
                    return events.publish(CallEvents.UPDATED, c).replaceWith(c);
                })));
    }

    public Uni<Call> dtmf(UUID customerId, UUID id, String digits, int durationMs, int intervalMs) {
        if (digits == null || !DTMF.matcher(digits).matches()) {
            throw Errors.invalidArgument("digits", "must be 1 to 100 of 0-9, A-D, # and *");
        }
        if (durationMs < 0 || durationMs > 5000) {
            throw Errors.invalidArgument("duration_ms", "must be between 0 and 5000");
        }
        if (intervalMs < 0 || intervalMs > 5000) {
            throw Errors.invalidArgument("interval_ms", "must be between 0 and 5000");
        }
        return progressing(customerId, id)
                .call(call -> ari.dtmf(call.asteriskId, call.channelId, digits, durationMs == 0 ? 100 : durationMs,
                        intervalMs == 0 ? 100 : intervalMs));
    }

    public Uni<Call> talk(UUID customerId, UUID id, String text, String language) {
        if (text == null || text.isBlank()) {
            throw Errors.invalidArgument("text", "must not be empty");
        }
        if (text.length() > 5000) {
            throw Errors.invalidArgument("text", "must be at most 5000 characters");
        }
        return progressing(customerId, id)
                .call(call -> ari.play(call.asteriskId, call.channelId, call.id + ":rpc-" + Ids.newId(), List.of("tts:" + text), language));
    }

    public Uni<Call> play(UUID customerId, UUID id, List<String> urls) {
        if (urls.isEmpty()) {
            throw Errors.invalidArgument("media_urls", "must name at least one URL");
        }
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            if (url == null || url.isBlank() || url.length() > 2048) {
                throw Errors.invalidArgument("media_urls[" + i + "]", "must be a URL of at most 2048 characters");
            }
        }
        // The same media rule as the flow's play action: own recordings, sounds and public https only.
        return progressing(customerId, id)
                .call(call -> guard.check(customerId, urls)
                        .onFailure(PlayMediaGuard.Refused.class).transform(e -> Errors.invalidArgument(
                                "media_urls[" + ((PlayMediaGuard.Refused) e).index + "]", e.getMessage())))
                .call(call -> ari.play(call.asteriskId, call.channelId, call.id + ":rpc-" + Ids.newId(), urls, null));
    }

    public Uni<Call> mediaStop(UUID customerId, UUID id) {
        return progressing(customerId, id)
                .call(call -> call.playbackId == null || call.playbackId.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : ari.stopPlayback(call.asteriskId, call.playbackId));
    }
}
