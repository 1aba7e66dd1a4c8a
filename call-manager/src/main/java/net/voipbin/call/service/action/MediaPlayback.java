package net.voipbin.call.service.action;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.service.Transactions;

import java.util.List;
import java.util.UUID;

/**
 * Media played as a flow action: its playback id is {@code <call id>:<action seq>}, so the
 * PlaybackFinished of it names the action it completes (and a late one of an earlier action is stale).
 */
@ApplicationScoped
public class MediaPlayback {

    private final AriClient ari;
    private final CallRepository calls;
    private final Transactions tx;

    public MediaPlayback(AriClient ari, CallRepository calls, Transactions tx) {
        this.tx = tx;
        this.ari = ari;
        this.calls = calls;
    }

    public static String playbackId(Call call) {
        return call.id + ":" + call.actionSeq;
    }

    /** The call and action a flow playback id names; null for other playbacks (RPC talk/play, async talk). */
    public static Completion parse(String playbackId) {
        int colon = playbackId.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new Completion(UUID.fromString(playbackId.substring(0, colon)), Integer.parseInt(playbackId.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public record Completion(UUID callId, int seq) {
    }

    /** Incoming calls are answered before media plays to them; outgoing ones play early media as they are. */
    public Uni<Void> answerFirst(Call call) {
        return Call.STATUS_PROGRESSING.equals(call.status) || Call.DIRECTION_OUTGOING.equals(call.direction)
                ? Uni.createFrom().voidItem()
                : ari.answer(call.asteriskId, call.channelId).replaceWithVoid();
    }

    /** Plays media as this action; the action waits for its PlaybackFinished. */
    public Uni<ActionOutcome> play(Call call, List<String> media, String language) {
        if (media.isEmpty()) {
            return Uni.createFrom().item(ActionOutcome.NEXT);
        }
        String playbackId = playbackId(call);
        return answerFirst(call)
                .chain(() -> tx.retrying(() -> calls.lockById(call.id).invoke(c -> {
                    if (c.actionSeq == call.actionSeq) {
                        c.playbackId = playbackId;
                    }
                })))
                .chain(() -> ari.play(call.asteriskId, call.channelId, playbackId, media, language))
                .replaceWith(ActionOutcome.WAIT);
    }
}
