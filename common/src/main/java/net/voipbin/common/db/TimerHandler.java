package net.voipbin.common.db;

import io.smallrye.mutiny.Uni;

/**
 * Fires the timers of one kind. Runs inside the transaction that deletes the timer, on a
 * duplicated Vert.x context, so database work done here commits together with "fired": with
 * two replicas, or a restart in between, a timer fires once. A failure retries it with backoff.
 */
public interface TimerHandler {

    String kind();

    Uni<Void> fire(DurableTimer timer);
}
