package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

/** Row locks that read what they lock (see {@link CallRepository} for the lock order). */
final class Locks {

    private Locks() {
    }

    /**
     * Re-reads a just-locked entity with a locking read when the session already managed it: a locking
     * query hands back such an instance without overwriting its state (a copy read before the lock); a
     * plain refresh would read the transaction's snapshot, a locking read sees the latest committed
     * row, which is the one we hold. A row the query read fresh needs nothing more.
     */
    static Uni<Void> refreshLocked(Object entity) {
        if (entity == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.contains(entity)
                ? s.refresh(entity, LockModeType.PESSIMISTIC_WRITE)
                : Uni.createFrom().voidItem());
    }
}
