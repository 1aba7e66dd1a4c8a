package net.voipbin.call.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.repository.RecordingRepository;
import net.voipbin.common.egress.EgressPolicy;
import net.voipbin.common.egress.EgressRefusedException;
import net.voipbin.common.egress.PlayMedia;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one check of media a customer has Asterisk play, run by call-manager just before it hands the URIs to ARI:
 * both paths that play a customer's URIs pass here (the flow's {@code play} action, already substituted by
 * flow-manager, and the Play RPC behind the API), and call-manager owns the recordings it must look up.
 * <ul>
 * <li>the shape ({@link PlayMedia}): sound/tone/digits names, {@code recording:}, {@code https://} only;</li>
 * <li>{@code recording:<name>}: a recording of this customer that is not deleted;</li>
 * <li>{@code https://}: the egress policy resolves the host now and refuses a non-public address or port.
 *     Asterisk resolves the name again when it fetches, a second or so later; a name whose owner answers a public
 *     address to us and an internal one to Asterisk is the residual rebinding risk (SECURITY.md): checking at the
 *     moment of the action keeps the window small, the network around Asterisk must close it.</li>
 * </ul>
 */
@ApplicationScoped
public class PlayMediaGuard {

    /** A media URI that may not be played; the message names it and why. */
    public static final class Refused extends IllegalArgumentException {
        public final int index;

        Refused(int index, String message) {
            super(message);
            this.index = index;
        }
    }

    private final RecordingRepository recordings;
    private final EgressPolicy egress;

    public PlayMediaGuard(RecordingRepository recordings, EgressPolicy egress) {
        this.recordings = recordings;
        this.egress = egress;
    }

    /** Completes when every URI may be played; fails with {@link Refused} at the first that may not. */
    public Uni<Void> check(UUID customerId, List<String> uris) {
        return Multi.createFrom().range(0, uris.size())
                .onItem().transformToUniAndConcatenate(i -> checkOne(customerId, i, uris.get(i)))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> checkOne(UUID customerId, int index, String uri) {
        Optional<String> refusal = PlayMedia.refusal(uri);
        if (refusal.isPresent()) {
            return Uni.createFrom().failure(new Refused(index, refusal.get()));
        }
        return switch (PlayMedia.kind(uri)) {
            case RECORDING -> recordings.findOwnByName(customerId, PlayMedia.recordingName(uri))
                    .onItem().ifNull().failWith(() -> new Refused(index,
                            uri.trim() + " is not a recording of this customer"))
                    .replaceWithVoid();
            case HTTPS -> egress.check(uri.trim())
                    .onFailure(EgressRefusedException.class)
                    .transform(e -> new Refused(index, "media " + uri.trim() + " refused: " + e.getMessage()))
                    .replaceWithVoid();
            case ASTERISK -> Uni.createFrom().voidItem();
        };
    }
}
