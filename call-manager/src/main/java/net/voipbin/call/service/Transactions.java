package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.Deadlocks;

import java.util.function.Supplier;

/**
 * call-manager's short transactions. Each takes its row locks in the one order CallRepository
 * documents and, should InnoDB still pick it as a deadlock victim (1213, gap locks of the outbox or the
 * timer table), runs again as a whole: every one of them re-reads what it changes under its locks.
 * None of them is entered from inside another transaction (timers run their work beside their own).
 * A bean rather than static calls so unit tests run the services without a database.
 */
@ApplicationScoped
public class Transactions {

    public <T> Uni<T> retrying(Supplier<Uni<T>> work) {
        return Deadlocks.retry(() -> Panache.withTransaction(work));
    }
}
