package net.voipbin.common.rpc;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.MDC;

/**
 * The request id of the work in progress, kept in the Vert.x duplicated context so it follows an
 * HTTP request or an RPC into every RPC it makes (header {@code x-request-id}).
 */
public final class RequestIds {

    public static final String KEY = "x-request-id";
    public static final String MDC_KEY = "request_id";

    private RequestIds() {
    }

    public static String current() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            Object value = context.getLocal(KEY);
            return value == null ? null : value.toString();
        }
        return null;
    }

    /** Sets the request id on the current duplicated context (no-op elsewhere) and in the log MDC. */
    public static void set(String requestId) {
        if (requestId == null) {
            return;
        }
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            context.putLocal(KEY, requestId);
        }
        MDC.put(MDC_KEY, requestId);
    }
}
