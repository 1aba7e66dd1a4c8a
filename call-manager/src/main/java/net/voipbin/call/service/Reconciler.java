package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.config.CallConfig;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.time.TimeFormat;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/**
 * After an asterisk-proxy (re)connects, ARI events of the gap are lost (ARI has no replay): calls
 * whose channel vanished meanwhile are ended, and channels in our Stasis app that no call owns are
 * hung up (only those older than `voipbin.call.orphan-grace`: a new channel's StasisStart may still be queued).
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final DateTimeFormatter ARI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final CallRepository calls;
    private final AriClient ari;
    private final CallLifecycle lifecycle;
    private final CallConfig config;

    public Reconciler(CallRepository calls, AriClient ari, CallLifecycle lifecycle, CallConfig config) {
        this.calls = calls;
        this.ari = ari;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    public Uni<Void> reconcile(String asteriskId) {
        return ari.channels(asteriskId).chain(answer -> {
            Set<String> alive = new HashSet<>();
            JsonNode list = answer.body();
            if (list != null) {
                list.forEach(ch -> alive.add(ch.path("id").asText()));
            }
            return Panache.withSession(() -> calls.listLiveOn(asteriskId)).chain(live -> {
                Set<String> owned = new HashSet<>();
                Uni<Void> work = Uni.createFrom().voidItem();
                int vanished = 0;
                for (Call call : live) {
                    if (call.channelId == null) {
                        continue;
                    }
                    owned.add(call.channelId);
                    if (!alive.contains(call.channelId)) {
                        vanished++;
                        work = work.chain(() -> lifecycle.finish(call.id, 16));
                    }
                }
                int orphans = 0;
                if (list != null) {
                    Instant cutoff = TimeFormat.now().minus(config.orphanGrace());
                    for (JsonNode ch : list) {
                        String id = ch.path("id").asText();
                        if (owned.contains(id) || !isOld(ch.path("creationtime").asText(""), cutoff)
                                || !inOurApp(ch)) {
                            continue;
                        }
                        orphans++;
                        work = work.chain(() -> ari.hangup(asteriskId, id, 16).replaceWithVoid().onFailure().recoverWithNull());
                    }
                }
                LOG.infof("reconciled asterisk %s: %d live calls, %d vanished, %d orphan channels", asteriskId, live.size(), vanished, orphans);
                return work;
            });
        });
    }

    /** Only channels parked in our Stasis app are ours to clean up; dialplan channels are left alone. */
    private static boolean inOurApp(JsonNode ch) {
        JsonNode plan = ch.path("dialplan");
        return "Stasis".equalsIgnoreCase(plan.path("app_name").asText(""))
                && plan.path("app_data").asText("").startsWith(AriClient.APP);
    }

    private static boolean isOld(String creationTime, Instant cutoff) {
        try {
            return java.time.OffsetDateTime.parse(creationTime, ARI_TIME).toInstant().isBefore(cutoff);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
