package net.voipbin.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.model.PendingSignup;

import java.time.Instant;
import java.util.UUID;

/** Signups waiting for email verification. */
@ApplicationScoped
@WithSession
public class PendingSignupRepository implements PanacheRepositoryBase<PendingSignup, UUID> {

    public Uni<PendingSignup> findUnexpired(String tokenHash, Instant now) {
        return find("tokenHash = ?1 and tmExpire > ?2", tokenHash, now).firstResult();
    }

    /** 1 when this call removed the row: of two verifications racing with one token only one wins. */
    public Uni<Long> claim(UUID id) {
        return delete("id = ?1", id);
    }

    public Uni<Long> purgeExpired(Instant now) {
        return delete("tmExpire < ?1", now);
    }
}
