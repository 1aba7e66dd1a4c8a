package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

/** Row locks that read what they lock (see {@link CallRepository} for the lock order). */
final class Locks {

    private Locks() {
    }

    /**
     * Re-reads a just-locked entity with a locking read. A locking query hands back the instance the
     * session already manages without overwriting its state; a plain refresh would read the
     * transaction's snapshot. A locking read sees the latest committed row, which is what we hold.
     */
    static Uni<Void> refreshLocked(Object entity) {
        if (entity == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.refresh(entity, LockModeType.PESSIMISTIC_WRITE));
    }
}
