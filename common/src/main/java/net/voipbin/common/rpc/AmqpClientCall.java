package net.voipbin.common.rpc;

import com.google.protobuf.MessageLite;
import com.rabbitmq.client.AMQP;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.netty.util.Timeout;
import io.vertx.core.Vertx;
import net.voipbin.common.amqp.Headers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One unary call. Listener callbacks go, in order headers → message → close and exactly once, to
 * the caller's Vert.x context when it had one (so Hibernate Reactive keeps working after the
 * reply), else to the executor in {@link CallOptions} (blocking stubs park on it), else inline.
 */
final class AmqpClientCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {

    static final Metadata.Key<String> REQUEST_ID_KEY = Metadata.Key.of(Headers.REQUEST_ID, Metadata.ASCII_STRING_MARSHALLER);

    private final RpcClient client;
    private final String queue;
    private final MethodDescriptor<ReqT, RespT> method;
    private final CallOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Listener<RespT> listener;
    private io.vertx.core.Context callerContext;
    private Executor executor;
    private long deadlineNanos;
    private String requestId;
    private byte[] request;
    private String correlationId;
    private long startNanos;
    private volatile Timeout timeout;

    AmqpClientCall(RpcClient client, String queue, MethodDescriptor<ReqT, RespT> method, CallOptions options) {
        this.client = client;
        this.queue = queue;
        this.method = method;
        this.options = options;
    }

    @Override
    public void start(Listener<RespT> responseListener, Metadata headers) {
        this.listener = responseListener;
        this.startNanos = System.nanoTime();
        this.callerContext = Vertx.currentContext();
        this.executor = options.getExecutor();
        Deadline deadline = options.getDeadline();
        Deadline inherited = Context.current().getDeadline();
        if (inherited != null && (deadline == null || inherited.isBefore(deadline))) {
            deadline = inherited;
        }
        long remaining = deadline == null
                ? client.defaultDeadline().toNanos()
                : deadline.timeRemaining(TimeUnit.NANOSECONDS);
        // A call made while serving a request may not outlive that request's caller.
        long served = Deadlines.current();
        if (served != 0 && served - startNanos < remaining) {
            remaining = served - startNanos;
        }
        this.deadlineNanos = startNanos + remaining;
        String fromHeaders = headers == null ? null : headers.get(REQUEST_ID_KEY);
        this.requestId = fromHeaders != null ? fromHeaders : RequestIds.current();
        if (remaining <= 0) {
            fail(Status.DEADLINE_EXCEEDED.withDescription("deadline expired before the call was sent"));
        }
    }

    @Override
    public void request(int numMessages) {
        // Unary: the single reply is pushed as soon as it arrives.
    }

    @Override
    public void sendMessage(ReqT message) {
        if (closed.get()) {
            return;
        }
        try {
            request = message instanceof MessageLite lite ? lite.toByteArray() : readAll(method.streamRequest(message));
        } catch (IOException | RuntimeException e) {
            fail(Status.INTERNAL.withDescription("cannot serialise request").withCause(e));
        }
    }

    @Override
    public void halfClose() {
        if (closed.get()) {
            return;
        }
        long remainingNanos = deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            fail(Status.DEADLINE_EXCEEDED.withDescription("deadline expired before the call was sent"));
            return;
        }
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
        correlationId = client.nextCorrelationId();
        Map<String, Object> amqpHeaders = new HashMap<>(4);
        amqpHeaders.put(Headers.DEADLINE, System.currentTimeMillis() + remainingMillis);
        if (requestId != null) {
            amqpHeaders.put(Headers.REQUEST_ID, requestId);
        }
        // No AMQP expiration: it costs the broker work on every message yet cannot stop a request a
        // consumer already holds; the server checks x-deadline before running anything instead.
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .correlationId(correlationId)
                .replyTo(client.replyQueue())
                .type(method.getFullMethodName())
                .contentType("application/x-protobuf")
                .deliveryMode(1)
                .headers(amqpHeaders)
                .build();
        client.register(correlationId, this);
        timeout = Deadlines.after(remainingNanos, () -> fail(Status.DEADLINE_EXCEEDED.withDescription(
                "no reply from " + queue + " within " + remainingMillis + " ms")));
        try {
            client.publish(queue, properties, request == null ? new byte[0] : request);
        } catch (IOException | RuntimeException e) {
            fail(Status.UNAVAILABLE.withDescription("cannot publish to " + queue + ": " + e.getMessage()).withCause(e));
        }
    }

    @Override
    public void cancel(String message, Throwable cause) {
        fail(Status.CANCELLED.withDescription(message).withCause(cause));
    }

    /** Called on the reply consumer's thread. */
    void complete(Map<String, Object> headers, byte[] body) {
        int code = (int) Headers.number(headers, Headers.GRPC_STATUS, Status.Code.INTERNAL.value());
        Status status = Status.fromCodeValue(code);
        if (!status.isOk()) {
            fail(status.withDescription(Headers.string(headers, Headers.GRPC_MESSAGE)));
            return;
        }
        RespT response;
        try {
            response = method.parseResponse(new ByteArrayInputStream(body));
        } catch (RuntimeException e) {
            fail(Status.INTERNAL.withDescription("cannot parse reply of " + method.getFullMethodName()).withCause(e));
            return;
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        finish(Status.Code.OK);
        deliver(() -> {
            listener.onHeaders(new Metadata());
            listener.onMessage(response);
            listener.onClose(Status.OK, new Metadata());
        });
    }

    /** Ends the call with {@code status} unless it has already ended. */
    void fail(Status status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        finish(status.getCode());
        if (listener != null) {
            deliver(() -> listener.onClose(status, new Metadata()));
        }
    }

    private void finish(Status.Code code) {
        Timeout t = timeout;
        if (t != null) {
            t.cancel();
        }
        if (correlationId != null) {
            client.unregister(correlationId);
        }
        client.metrics().record(method.getFullMethodName(), code, System.nanoTime() - startNanos);
    }

    private void deliver(Runnable callback) {
        if (callerContext != null) {
            callerContext.runOnContext(v -> callback.run());
        } else if (executor != null) {
            executor.execute(callback);
        } else {
            callback.run();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
