package net.voipbin.common.event;

import io.smallrye.mutiny.Uni;

import java.util.Set;

/**
 * A consumer of other managers' events. Implement as an {@code @ApplicationScoped} bean in the
 * service's {@code listener} package; {@link EventSubscriber} binds this manager's subscribe queue
 * to the exchanges of {@link #publishers()} and hands every event of those publishers to
 * {@link #handle}. The handler runs on a duplicated Vert.x context inside one database transaction
 * that also records the event's message id (when the service has a database), so a redelivered or
 * duplicated event is processed once. A failed {@code Uni} is retried after 1 s, 10 s and 60 s, then
 * parked in {@code bin-manager.<svc>.subscribe.dlq}.
 */
public interface EventHandler {

    /** Service names whose event exchanges ({@code bin-manager.<publisher>.event}) to consume. */
    Set<String> publishers();

    Uni<Void> handle(Event event);
}
