package net.voipbin.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor: a plain amqp-client request/reply loop with nothing of ours in it.
 * Server: one consumer on a durable request queue of the given type, prefetch 256, manual ack
 * (ack after the reply is published, as RpcDispatcher does), replying inline on the consumer thread
 * to {@code reply_to} with the {@code correlation_id}. Client: one exclusive auto-delete reply queue
 * consumed with autoAck (as RpcClient does), a correlationId → completion map, one publish channel
 * behind a lock. Server and client use separate connections, like two processes.
 */
final class PlainAmqpBaseline implements ClosedLoop.Transport, AutoCloseable {

    private final String requestQueue;
    private final String replyQueue;
    private final String queueType;
    private final int prefetch;
    private final byte[] body;
    /** Profiling knob: which of the RPC's extra request properties the baseline also sends. */
    private final java.util.Set<String> extras;
    private final ConcurrentHashMap<String, ClosedLoop.Completion> pending = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object publishLock = new Object();
    private final Object serverLock = new Object();
    private final java.util.concurrent.ScheduledThreadPoolExecutor timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "rpc-server-deadlines"); // same name: counted with the RPC's timers
        t.setDaemon(true);
        return t;
    });
    /** For the "hop" variant: the same per-message duplicated contexts RpcDispatcher uses. */
    static volatile net.voipbin.common.rpc.EventLoopContexts contexts;
    private Connection serverConnection;
    private Connection clientConnection;
    private Channel publish;

    PlainAmqpBaseline(String requestQueue, String replyQueue, String queueType, int prefetch, byte[] body,
                      java.util.Set<String> extras) {
        this.extras = extras;
        timers.setRemoveOnCancelPolicy(true);
        this.requestQueue = requestQueue;
        this.replyQueue = replyQueue;
        this.queueType = queueType;
        this.prefetch = prefetch;
        this.body = body;
    }

    void start(ConnectionFactory factory) throws Exception {
        serverConnection = factory.newConnection("bench-baseline-server");
        Channel server = serverConnection.createChannel();
        server.queueDeclare(requestQueue, true, false, false, Map.of("x-queue-type", queueType));
        server.basicQos(prefetch);
        server.basicConsume(requestQueue, false, new DefaultConsumer(server) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] request)
                    throws IOException {
                AMQP.BasicProperties.Builder reply = new AMQP.BasicProperties.Builder()
                        .correlationId(properties.getCorrelationId())
                        .deliveryMode(1);
                if (extras.contains("headers")) {
                    reply.contentType("application/x-protobuf").headers(Map.of("grpc-status", 0));
                }
                if (extras.isEmpty()) {
                    // Only this consumer thread uses the server channel: no lock needed.
                    server.basicPublish("", properties.getReplyTo(), reply.build(), request);
                    server.basicAck(envelope.getDeliveryTag(), false);
                    return;
                }
                // Profiling variants: what RpcDispatcher adds around the same publish + ack.
                java.util.concurrent.ScheduledFuture<?> timer = extras.contains("timer")
                        ? timers.schedule(() -> { }, 3, java.util.concurrent.TimeUnit.SECONDS) : null;
                Runnable answer = () -> {
                    try {
                        synchronized (serverLock) {
                            server.basicPublish("", properties.getReplyTo(), reply.build(), request);
                            server.basicAck(envelope.getDeliveryTag(), false);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (timer != null) {
                        timer.cancel(false);
                    }
                };
                if (extras.contains("hop") && contexts != null) {
                    contexts.newDuplicated().runOnContext(v -> answer.run());
                } else {
                    answer.run();
                }
            }
        });

        clientConnection = factory.newConnection("bench-baseline-client");
        Channel replies = clientConnection.createChannel();
        replies.queueDeclare(replyQueue, false, true, true, null);
        replies.basicConsume(replyQueue, true, new DefaultConsumer(replies) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] reply) {
                ClosedLoop.Completion done = pending.remove(properties.getCorrelationId());
                if (done != null) {
                    done.done(true);
                }
            }
        });
        publish = clientConnection.createChannel();
    }

    @Override
    public void call(ClosedLoop.Completion done) {
        String correlationId = Long.toString(sequence.incrementAndGet());
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder()
                .correlationId(correlationId)
                .replyTo(replyQueue)
                .deliveryMode(1);
        if (!extras.isEmpty()) {
            if (extras.contains("expiration")) {
                properties.expiration("3000");
            }
            if (extras.contains("headers")) {
                properties.type("voipbin.bench.v1.BenchService/Echo").contentType("application/x-protobuf")
                        .headers(Map.of("x-deadline", System.currentTimeMillis() + 3000));
            }
        }
        boolean mandatory = extras.contains("mandatory");
        pending.put(correlationId, done);
        try {
            synchronized (publishLock) {
                publish.basicPublish("", requestQueue, mandatory, properties.build(), body);
            }
        } catch (IOException | RuntimeException e) {
            if (pending.remove(correlationId) != null) {
                done.done(false);
            }
        }
    }

    @Override
    public void close() {
        pending.clear();
        timers.shutdownNow();
        for (Connection c : new Connection[] {clientConnection, serverConnection}) {
            if (c != null && c.isOpen()) {
                try {
                    c.close(2000);
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }
}
