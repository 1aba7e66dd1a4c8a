package net.voipbin.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ARI events per second from asterisk-sim through asterisk-proxy onto the bus, against the broker's
 * own rate for the same messages in the same run. bench/ari-run.sh starts the simulator and the
 * proxy as processes and passes: namespace, simulator base URL, event count.
 * <ul>
 * <li>pipeline: the simulator emits N ChannelVarset frames (POST /sim/events/burst) on its WebSocket;
 * the proxy wraps and publishes them to the 16 asterisk.all.event partitions; this program consumes
 * all partitions and times first to last arrival.</li>
 * <li>baseline: one amqp-client publisher sends N messages of the same size straight to an exchange
 * with the same 16 quorum partition queues, consumed the same way.</li>
 * </ul>
 */
public final class AriEventBenchmark {

    private static final int PARTITIONS = 16;

    private AriEventBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[0];
        String sim = args[1];
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection("bench-ari")) {
            AtomicReference<byte[]> sample = new AtomicReference<>();
            double[] pipeline = pipeline(connection, namespace, sim, count, sample);
            double[] baseline = baseline(connection, namespace, count, sample.get());
            String report = String.format("""
                    VoIPBIN-J ARI event throughput, %s
                    %d ChannelVarset frames over 100 channels, envelope %d bytes, %d partitions (quorum, single active consumer)
                    pipeline: asterisk-sim WebSocket -> asterisk-proxy (wrap, partition, publish) -> RabbitMQ -> this consumer
                    baseline: one amqp-client publisher -> same exchange/queue layout -> this consumer, same message size

                    path       events/s   first..last ms   lost
                    pipeline   %8.0f   %14.0f   %d
                    baseline   %8.0f   %14.0f   %d
                    ratio (pipeline / baseline): %.2fx
                    (the simulator took %.0f ms to emit the frames, i.e. it can produce %.0f/s)
                    """, Instant.now(), count, sample.get().length, PARTITIONS,
                    pipeline[0], pipeline[1], (long) pipeline[2], baseline[0], baseline[1], (long) baseline[2],
                    pipeline[0] / baseline[0], pipeline[3], count / (pipeline[3] / 1000.0));
            System.out.print(report);
            Path results = Path.of("results");
            Files.createDirectories(results);
            Files.writeString(results.resolve("ari-" + Instant.now().toString().replace(':', '-').substring(0, 17) + ".txt"), report);
        }
    }

    /** Emits {@code count} frames in the simulator and times their arrival; returns {rate, span ms, lost}. */
    private static double[] pipeline(Connection connection, String namespace, String sim, int count,
                                     AtomicReference<byte[]> sample) throws Exception {
        Channel channel = connection.createChannel();
        channel.basicQos(1000);
        Arrivals arrivals = new Arrivals();
        for (int n = 0; n < PARTITIONS; n++) {
            channel.queuePurge(namespace + ".asterisk.all.event." + n);
            channel.basicConsume(namespace + ".asterisk.all.event." + n, true, (DeliverCallback) (tag, delivery) -> {
                sample.compareAndSet(null, delivery.getBody());
                arrivals.arrived();
            }, tag -> { });
        }
        HttpResponse<String> burst = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim + "/sim/events/burst"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + count + ",\"channels\":100}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (burst.statusCode() != 200) {
            throw new IllegalStateException("burst refused: " + burst.statusCode() + " " + burst.body());
        }
        double[] result = arrivals.await(count);
        channel.close();
        String emitted = burst.body().replaceAll(".*\"emit_ms\":([0-9.]+).*", "$1");
        return new double[]{result[0], result[1], result[2], Double.parseDouble(emitted)};
    }

    /** The broker's own rate for the same layout and message size. */
    private static double[] baseline(Connection connection, String namespace, int count, byte[] body) throws Exception {
        String exchange = namespace + ".bench.raw";
        Channel admin = connection.createChannel();
        admin.exchangeDeclare(exchange, "direct", false, true, null);
        List<String> queues = new ArrayList<>();
        for (int n = 0; n < PARTITIONS; n++) {
            String queue = exchange + "." + n;
            admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum", "x-single-active-consumer", true));
            admin.queueBind(queue, exchange, Integer.toString(n));
            queues.add(queue);
        }
        Channel consumer = connection.createChannel();
        consumer.basicQos(1000);
        Arrivals arrivals = new Arrivals();
        for (String queue : queues) {
            consumer.basicConsume(queue, true, (DeliverCallback) (tag, delivery) -> arrivals.arrived(), tag -> { });
        }
        Channel publisher = connection.createChannel();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).build();
        for (int i = 0; i < count; i++) {
            publisher.basicPublish(exchange, Integer.toString(i % PARTITIONS), properties, body);
        }
        double[] result = arrivals.await(count);
        for (String queue : queues) {
            admin.queueDelete(queue);
        }
        admin.close();
        return result;
    }

    /** Counts arrivals and times the first to the last. */
    private static final class Arrivals {
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicLong first = new AtomicLong();
        private final AtomicLong last = new AtomicLong();

        void arrived() {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.set(now);
            received.incrementAndGet();
        }

        double[] await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            long quietSince = System.nanoTime();
            int seen = 0;
            while (received.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
                int now = received.get();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                } else if (now > 0 && System.nanoTime() - quietSince > 10_000_000_000L) {
                    break; // nothing for 10 s: the rest is lost
                }
            }
            double spanMs = (last.get() - first.get()) / 1e6;
            int got = received.get();
            return new double[]{got / (spanMs / 1000.0), spanMs, count - got};
        }
    }
}
