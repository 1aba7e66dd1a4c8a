package net.voipbin.common.rpc;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out fresh duplicated Vert.x contexts spread over the event loops, so work arriving on
 * amqp-client threads can run where Hibernate Reactive and {@code @WithTransaction} work.
 */
public final class EventLoopContexts {

    private final Context[] roots;
    private final AtomicInteger next = new AtomicInteger();

    public EventLoopContexts(Vertx vertx, int count) {
        this.roots = new Context[Math.max(1, count)];
        for (int i = 0; i < roots.length; i++) {
            // From a non-Vert.x thread every call yields a new event-loop context, round robin over the loops.
            roots[i] = vertx.getOrCreateContext();
        }
    }

    /** A new isolated (duplicated, marked safe) context: one per message. */
    public Context newDuplicated() {
        Context root = roots[Math.floorMod(next.getAndIncrement(), roots.length)];
        Context duplicated = VertxContext.createNewDuplicatedContext(root);
        VertxContextSafetyToggle.setContextSafe(duplicated, true);
        return duplicated;
    }
}
