package net.voipbin.common.rpc;

import com.google.protobuf.MessageLite;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.netty.util.Timeout;
import org.jboss.logging.Logger;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.Consumers;
import net.voipbin.common.amqp.Headers;
import net.voipbin.common.amqp.Queues;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Server half of RPC over RabbitMQ: consumes one request queue (competing consumers across
 * replicas, bounded prefetch) and runs each request through the generated {@link BindableService}
 * on a fresh duplicated Vert.x context. The request is acknowledged once its reply is published,
 * so a replica dying mid-call leaves the request to another one; a request whose deadline has
 * passed is dropped unexecuted, and one still running at its deadline is cancelled.
 */
public final class RpcDispatcher {

    private static final Logger LOG = Logger.getLogger(RpcDispatcher.class);

    private final AmqpConnection amqp;
    private final String queue;
    private final int prefetch;
    private final Duration defaultDeadline;
    private final EventLoopContexts contexts;
    private final RpcMetrics metrics;
    private final Map<String, ServerMethodDefinition<?, ?>> methods = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object channelLock = new Object();
    private volatile Channel channel;
    private volatile String consumerTag;

    public RpcDispatcher(AmqpConnection amqp, String queue, int prefetch, Duration defaultDeadline,
                         List<? extends BindableService> services, EventLoopContexts contexts, RpcMetrics metrics) {
        this.amqp = amqp;
        this.queue = queue;
        this.prefetch = prefetch;
        this.defaultDeadline = defaultDeadline;
        this.contexts = contexts;
        this.metrics = metrics;
        for (BindableService service : services) {
            ServerServiceDefinition definition = service.bindService();
            for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                methods.put(method.getMethodDescriptor().getFullMethodName(), method);
            }
        }
    }

    public void start() {
        amqp.whenConnected(this::init);
    }

    public String queue() {
        return queue;
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void init(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        Queues.declareDurable(ch, queue, amqp.settings());
        ch.basicQos(prefetch);
        channel = ch;
        // Our own tag: automatic recovery re-subscribes with it, so stop() can still cancel after a reconnect.
        consumerTag = ch.basicConsume(queue, false, queue + "#" + java.util.UUID.randomUUID(), new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                onRequest(envelope.getDeliveryTag(), properties, body);
            }
        });
        LOG.infof("serving %d RPC methods on %s", methods.size(), queue);
    }

    /** Stops taking requests, then waits up to {@code drain} for those in progress. */
    public void stop(Duration drain) {
        Consumers.cancelAndDrain(channel, consumerTag, inFlight, drain);
    }

    private void onRequest(long deliveryTag, AMQP.BasicProperties properties, byte[] body) {
        String methodName = properties.getType();
        Map<String, Object> headers = properties.getHeaders();
        long deadlineMillis = Headers.number(headers, Headers.DEADLINE,
                System.currentTimeMillis() + defaultDeadline.toMillis());
        long remaining = deadlineMillis - System.currentTimeMillis();
        if (remaining <= 0) {
            // The caller has given up already: running it now would only do work nobody awaits.
            ack(deliveryTag);
            metrics.record(String.valueOf(methodName), Status.Code.DEADLINE_EXCEEDED, 0);
            return;
        }
        ServerMethodDefinition<?, ?> method = methodName == null ? null : methods.get(methodName);
        if (method == null) {
            reply(properties, Status.UNIMPLEMENTED.withDescription("unknown method " + methodName), null);
            ack(deliveryTag);
            return;
        }
        inFlight.incrementAndGet();
        String requestId = Headers.string(headers, Headers.REQUEST_ID);
        io.vertx.core.Context context = contexts.newDuplicated();
        context.runOnContext(v -> {
            RequestIds.set(requestId);
            invoke(method, deliveryTag, properties, body, remaining);
        });
    }

    private <ReqT, RespT> void invoke(ServerMethodDefinition<ReqT, RespT> method, long deliveryTag,
                                      AMQP.BasicProperties properties, byte[] body, long remainingMillis) {
        long start = System.nanoTime();
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(remainingMillis);
        io.vertx.core.Context vertxContext = io.vertx.core.Vertx.currentContext();
        Deadlines.set(vertxContext, start + remainingNanos);
        MethodDescriptor<ReqT, RespT> descriptor = method.getMethodDescriptor();
        AtomicReference<Timeout> deadline = new AtomicReference<>();
        AmqpServerCall<ReqT, RespT> call = new AmqpServerCall<>(descriptor, (status, response) -> {
            Timeout timeout = deadline.get();
            if (timeout != null) {
                timeout.cancel();
            }
            reply(properties, status, response);
            ack(deliveryTag);
            inFlight.decrementAndGet();
            metrics.record(descriptor.getFullMethodName(), status.getCode(), System.nanoTime() - start);
        });
        ServerCall.Listener<ReqT> listener;
        try {
            ReqT request = descriptor.parseRequest(new ByteArrayInputStream(body));
            listener = method.getServerCallHandler().startCall(call, new Metadata());
            listener.onMessage(request);
            listener.onHalfClose();
        } catch (RuntimeException e) {
            call.close(Status.INVALID_ARGUMENT.withDescription("cannot handle request: " + e.getMessage()), new Metadata());
            return;
        }
        if (call.isClosed()) {
            return; // answered synchronously
        }
        ServerCall.Listener<ReqT> started = listener;
        deadline.set(Deadlines.after(remainingNanos, () -> vertxContext.runOnContext(x -> {
            // The caller has given up: stop the handler and let the request go without a reply.
            if (call.cancel()) {
                started.onCancel();
                ack(deliveryTag);
                inFlight.decrementAndGet();
                metrics.record(descriptor.getFullMethodName(), Status.Code.DEADLINE_EXCEEDED, System.nanoTime() - start);
            }
        })));
        if (call.isClosed()) {
            deadline.get().cancel(); // answered while the timeout was being armed
        }
    }

    private void reply(AMQP.BasicProperties request, Status status, byte[] response) {
        String replyTo = request.getReplyTo();
        if (replyTo == null || replyTo.isEmpty()) {
            return;
        }
        Map<String, Object> headers = new HashMap<>(2);
        headers.put(Headers.GRPC_STATUS, status.getCode().value());
        if (status.getDescription() != null) {
            headers.put(Headers.GRPC_MESSAGE, status.getDescription());
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .correlationId(request.getCorrelationId())
                .contentType("application/x-protobuf")
                .deliveryMode(1)
                .headers(headers)
                .build();
        Channel ch = channel;
        try {
            synchronized (channelLock) {
                ch.basicPublish("", replyTo, properties, response == null ? new byte[0] : response);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot publish RPC reply to %s: %s", replyTo, e.getMessage());
        }
    }

    private void ack(long deliveryTag) {
        Channel ch = channel;
        try {
            synchronized (channelLock) {
                ch.basicAck(deliveryTag, false);
            }
        } catch (IOException | RuntimeException e) {
            // The channel was recovered meanwhile: the broker redelivers the request.
            LOG.debugf("cannot ack RPC request: %s", e.getMessage());
        }
    }

    /** Server call that turns the handler's single response and status into one reply message. */
    static final class AmqpServerCall<ReqT, RespT> extends ServerCall<ReqT, RespT> {

        interface Completion {
            void done(Status status, byte[] response);
        }

        private final MethodDescriptor<ReqT, RespT> descriptor;
        private final Completion completion;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean cancelled;
        private byte[] response;

        AmqpServerCall(MethodDescriptor<ReqT, RespT> descriptor, Completion completion) {
            this.descriptor = descriptor;
            this.completion = completion;
        }

        boolean isClosed() {
            return closed.get();
        }

        /** Marks the call cancelled if it has not been answered; true when this call did so. */
        boolean cancel() {
            if (closed.compareAndSet(false, true)) {
                cancelled = true;
                return true;
            }
            return false;
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(RespT message) {
            try {
                response = message instanceof MessageLite lite ? lite.toByteArray() : readAll(descriptor.streamResponse(message));
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("cannot serialise response").withCause(e).asRuntimeException();
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (status.isOk() && response == null) {
                status = Status.INTERNAL.withDescription("handler completed without a response");
            }
            completion.done(status, status.isOk() ? response : null);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public MethodDescriptor<ReqT, RespT> getMethodDescriptor() {
            return descriptor;
        }

        private static byte[] readAll(InputStream in) throws IOException {
            try (in) {
                return in.readAllBytes();
            }
        }
    }
}
