package net.voipbin.common.testing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import net.voipbin.common.rpc.EventLoopContexts;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs reactive database work from a test thread on a duplicated Vert.x context and waits for it. */
public final class OnVertx {

    private OnVertx() {
    }

    public static <T> T run(Vertx vertx, Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new EventLoopContexts(vertx, 1).newDuplicated().runOnContext(v -> {
            try {
                work.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
