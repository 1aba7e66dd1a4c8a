package net.voipbin.bench;

import com.google.protobuf.ByteString;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.config.VoipbinConfig;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;
import net.voipbin.proto.bench.v1.BenchRequest;
import net.voipbin.proto.bench.v1.MutinyBenchServiceGrpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RPC round trip through common's RpcClient/RpcDispatcher against a plain amqp-client
 * request/reply loop, both measured in the same run on the same broker and queue type, at 1, 16
 * and 256 calls in flight (closed loop). Prints a table and writes it to results/rpc-&lt;date&gt;.txt.
 *
 * <p>Options: {@code --levels 1,16,256 --warmup-ms 1000 --measure-ms 8000 --rounds 2
 * --queue-types quorum,classic --results DIR}; profiling only: {@code --threads --only rpc|baseline
 * --baseline-extras expiration,headers,mandatory,hop,timer --event-loops N --micrometer} (see README.md).
 */
public final class RpcBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5672;
    private static final int PREFETCH = 256;
    private static final int PAYLOAD_BYTES = 200;
    /** No run may issue more calls than this, whatever the machine does. */
    private static final long MAX_CALLS_PER_RUN = 2_000_000;
    private static final long DRAIN_MILLIS = 5_000;

    private static java.util.Set<String> baselineExtras = java.util.Set.of();
    private static int eventLoopCount = 4;

    private RpcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        int[] levels = ints(opts.getOrDefault("levels", "1,16,256"));
        long warmupMillis = Long.parseLong(opts.getOrDefault("warmup-ms", "1000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
        long measureMillis = Long.parseLong(opts.getOrDefault("measure-ms", "8000"));
        List<String> queueTypes = List.of(opts.getOrDefault("queue-types", "quorum,classic").split(","));
        Path resultsDir = Path.of(opts.getOrDefault("results", "results"));
        boolean micrometer = opts.containsKey("micrometer");
        ClosedLoop.profileThreads = opts.containsKey("threads");
        int eventLoops = Integer.parseInt(opts.getOrDefault("event-loops", "4"));
        eventLoopCount = eventLoops;
        // --only rpc|baseline runs one side (for profiling one path with JFR); the default runs both.
        String only = opts.getOrDefault("only", "both");
        // --baseline-extras expiration,headers,mandatory,hop,timer: the baseline also does what the RPC adds
        // (request properties; server-side hop to a duplicated Vert.x context; a deadline timer per request).
        java.util.Set<String> extras = java.util.Set.copyOf(List.of(opts.getOrDefault("baseline-extras", "")
                .split(","))).stream().filter(x -> !x.isBlank()).collect(java.util.stream.Collectors.toSet());
        baselineExtras = extras;

        String namespace = "bench-" + UUID.randomUUID();
        BrokerNames names = new BrokerNames(namespace, "bench");
        BenchRequest request = BenchRequest.newBuilder().setPayload(ByteString.copyFrom(payload())).build();
        byte[] body = request.toByteArray(); // the baseline sends exactly the bytes the RPC sends

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        factory.setRequestedHeartbeat(10);
        factory.setAutomaticRecoveryEnabled(false);

        List<String> queues = new ArrayList<>();
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanup = () -> {
            if (cleaned.compareAndSet(false, true)) {
                deleteQueues(factory, queues);
            }
        };
        Thread hook = new Thread(cleanup, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);

        Vertx vertx = Vertx.vertx();
        // One server connection per queue type: a connection's settings decide how it declares queues.
        List<AmqpConnection> serverConnections = new ArrayList<>();
        AmqpConnection clientAmqp = new AmqpConnection(amqpConfig(queueTypes.get(0)), "bench-rpc-client");
        MeterRegistry registry = micrometer ? new SimpleMeterRegistry() : null;
        List<RpcDispatcher> dispatchers = new ArrayList<>();
        List<ClosedLoop.Result> results = new ArrayList<>();
        long began = System.nanoTime();
        try {
            clientAmqp.start();
            EventLoopContexts contexts = new EventLoopContexts(vertx, eventLoops);
            PlainAmqpBaseline.contexts = contexts;
            RpcMetrics serverMetrics = new RpcMetrics(registry, "bench");
            for (String type : queueTypes) {
                String queue = names.requestQueue("bench-" + type);
                queues.add(queue);
                AmqpConnection serverAmqp = new AmqpConnection(amqpConfig(type), "bench-rpc-server-" + type);
                serverAmqp.start();
                serverConnections.add(serverAmqp);
                RpcDispatcher dispatcher = new RpcDispatcher(serverAmqp, queue, PREFETCH, Duration.ofSeconds(3),
                        List.of(new BenchServiceImpl()), contexts, serverMetrics);
                dispatcher.start();
                dispatchers.add(dispatcher);
            }
            RpcClient rpc = new RpcClient(clientAmqp, names, Duration.ofSeconds(3), registry);
            rpc.start();
            serverConnections.add(clientAmqp);
            waitReady(serverConnections.toArray(AmqpConnection[]::new));
            serverConnections.remove(clientAmqp);

            // JIT warm-up of both paths, not reported.
            log("warming up both paths");
            String firstType = queueTypes.get(0);
            if (!only.equals("rpc")) {
                try (PlainAmqpBaseline warm = baseline(factory, names, firstType, body, queues)) {
                    new ClosedLoop(warm, MAX_CALLS_PER_RUN).run("warm", 16, 2500, 1, DRAIN_MILLIS);
                }
            }
            if (!only.equals("baseline")) {
                new ClosedLoop(rpcTransport(rpc, firstType, request), MAX_CALLS_PER_RUN)
                        .run("warm", 16, 2500, 1, DRAIN_MILLIS);
            }

            for (String type : queueTypes) {
                try (PlainAmqpBaseline plain = baseline(factory, names, type, body, queues)) {
                    ClosedLoop.Transport viaRpc = rpcTransport(rpc, type, request);
                    for (int level : levels) {
                        // Rounds in A-B-B-A order, so load that drifts during the run (other processes on
                        // the machine) weighs on both sides alike.
                        ClosedLoop.Result base = null;
                        ClosedLoop.Result viaRpcResult = null;
                        for (int round = 0; round < rounds; round++) {
                            for (int side = 0; side < 2; side++) {
                                boolean rpcSide = (side == 1) == (round % 2 == 0);
                                if (!only.equals("both") && !only.equals(rpcSide ? "rpc" : "baseline")) {
                                    continue;
                                }
                                log("%s, %d in flight, round %d/%d: %s", type, level, round + 1, rounds,
                                        rpcSide ? "rpc" : "baseline");
                                ClosedLoop.Result r = new ClosedLoop(rpcSide ? viaRpc : plain, MAX_CALLS_PER_RUN)
                                        .run((rpcSide ? "rpc/" : "baseline/") + type, level, warmupMillis,
                                                measureMillis / rounds, DRAIN_MILLIS);
                                if (rpcSide) {
                                    viaRpcResult = viaRpcResult == null ? r : viaRpcResult.plus(r);
                                } else {
                                    base = base == null ? r : base.plus(r);
                                }
                            }
                        }
                        if (base != null) {
                            results.add(base);
                        }
                        if (viaRpcResult != null) {
                            results.add(viaRpcResult);
                        }
                    }
                }
            }
        } finally {
            for (RpcDispatcher d : dispatchers) {
                d.stop(Duration.ofSeconds(2));
            }
            cleanup.run();
            clientAmqp.close();
            serverConnections.forEach(AmqpConnection::close);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        double took = (System.nanoTime() - began) / 1e9;
        String report = report(results, levels, queueTypes, body.length, warmupMillis, measureMillis, rounds,
                micrometer, namespace, took);
        System.out.print(report);
        Files.createDirectories(resultsDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
        Path file = resultsDir.resolve("rpc-" + stamp + ".txt");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println("written to " + file);
        System.exit(0);
    }

    private static ClosedLoop.Transport rpcTransport(RpcClient rpc, String type, BenchRequest request) {
        MutinyBenchServiceGrpc.MutinyBenchServiceStub stub =
                MutinyBenchServiceGrpc.newMutinyStub(rpc.channel("bench-" + type));
        return done -> stub.echo(request).subscribe().with(reply -> done.done(true), failure -> done.done(false));
    }

    private static PlainAmqpBaseline baseline(ConnectionFactory factory, BrokerNames names, String type, byte[] body,
                                              List<String> queues) throws Exception {
        String queue = names.qualify("bench.baseline." + type + ".request");
        if (!queues.contains(queue)) {
            queues.add(queue);
        }
        PlainAmqpBaseline plain = new PlainAmqpBaseline(queue,
                names.qualify("bench.baseline.reply." + UUID.randomUUID()), type, PREFETCH, body, baselineExtras);
        plain.start(factory);
        return plain;
    }

    private static void waitReady(AmqpConnection... connections) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (AmqpConnection c : connections) {
            while (!c.isReady()) {
                if (c.isInitFailed() || System.nanoTime() > until) {
                    throw new IllegalStateException("broker at " + HOST + ":" + PORT + " not ready (is RabbitMQ running?)");
                }
                Thread.sleep(20);
            }
        }
    }

    private static void deleteQueues(ConnectionFactory factory, List<String> queues) {
        try (Connection c = factory.newConnection("bench-cleanup"); Channel ch = c.createChannel()) {
            for (String q : queues) {
                ch.queueDelete(q);
            }
            log("deleted %d bench queues", queues.size());
        } catch (Exception e) {
            System.err.println("bench: could not delete queues " + queues + ": " + e.getMessage());
        }
    }

    private static VoipbinConfig.Amqp amqpConfig(String queueType) {
        return new VoipbinConfig.Amqp() {
            @Override
            public String host() {
                return HOST;
            }

            @Override
            public int port() {
                return PORT;
            }

            @Override
            public String username() {
                return "guest";
            }

            @Override
            public String password() {
                return "guest";
            }

            @Override
            public String virtualHost() {
                return "/";
            }

            @Override
            public String queueType() {
                return queueType;
            }

            @Override
            public java.util.Optional<Duration> queueExpires() {
                return java.util.Optional.empty();
            }

            @Override
            public Duration recoveryInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int heartbeatSeconds() {
                return 10;
            }
        };
    }

    static String report(List<ClosedLoop.Result> results, int[] levels, List<String> queueTypes, int bodyBytes,
                         long warmupMillis, long measureMillis, int rounds, boolean micrometer, String namespace,
                         double took) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "VoIPBIN-J RPC round-trip benchmark, %s%n",
                ZonedDateTime.now(ZoneId.systemDefault()).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        out.append(String.format(Locale.ROOT, "machine: %d cores, Java %s, RabbitMQ %s:%d; body %d bytes; closed loop; "
                        + "per level and side %d rounds (A-B-B-A) of %.1f s warm-up + %.1f s window; namespace %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), HOST, PORT, bodyBytes,
                rounds, warmupMillis / 1e3, measureMillis / 1e3 / rounds, namespace));
        out.append("baseline: plain amqp-client; server consumer prefetch " + PREFETCH
                + ", manual ack after publishing the reply, inline on the consumer thread; client one exclusive reply queue (autoAck),\n"
                + "          correlationId->completion map, one publish channel under a lock; server and client on separate connections\n");
        if (!baselineExtras.isEmpty()) {
            out.append("          baseline also sends the RPC's " + baselineExtras + " (profiling variant)\n");
        }
        out.append("rpc:      MutinyBenchServiceGrpc stub over RpcClient.channel() (subscribe().with, no await) -> RpcDispatcher prefetch "
                + PREFETCH + ",\n          " + eventLoopCount + " event-loop contexts, separate server/client AmqpConnections; Micrometer "
                + (micrometer ? "SimpleMeterRegistry" : "off (null registry)") + "\n\n");
        out.append(String.format(Locale.ROOT, "%-8s %6s | %10s %8s %8s | %10s %8s %8s | %9s %10s | %s%n",
                "queue", "flight", "base/s", "p50 ms", "p99 ms", "rpc/s", "p50 ms", "p99 ms",
                "p50 ratio", "tput ratio", "errors/lost (base, rpc)"));
        out.append("-".repeat(118)).append('\n');
        double worstP50Ratio = 0;
        String worstP50At = "";
        double worstTputRatio = Double.MAX_VALUE;
        String worstTputAt = "";
        double bestQuorumRpc = 0;
        String bestRpcAt = "";
        for (String type : queueTypes) {
            for (int level : levels) {
                ClosedLoop.Result base = find(results, "baseline/" + type, level);
                ClosedLoop.Result rpc = find(results, "rpc/" + type, level);
                if (base == null || rpc == null) {
                    ClosedLoop.Result one = base != null ? base : rpc;
                    if (one != null) {
                        out.append(String.format(Locale.ROOT, "%-8s %6d | %s only: %.0f calls/s, p50 %.3f ms, p99 %.3f ms, "
                                        + "jvm %.1f us/call, broker %.1f us/call, errors %d, lost %d%n",
                                type, level, one.label().substring(0, one.label().indexOf('/')), one.callsPerSecond(),
                                one.p50Millis(), one.p99Millis(), one.jvmMicrosPerCall(), one.brokerMicrosPerCall(),
                                one.errors(), one.lost()));
                    }
                    continue;
                }
                double p50Ratio = rpc.p50Millis() / base.p50Millis();
                double tputRatio = rpc.callsPerSecond() / base.callsPerSecond();
                out.append(String.format(Locale.ROOT, "%-8s %6d | %10.0f %8.3f %8.3f | %10.0f %8.3f %8.3f | %8.2fx %9.2fx | %d/%d, %d/%d%n",
                        type, level, base.callsPerSecond(), base.p50Millis(), base.p99Millis(),
                        rpc.callsPerSecond(), rpc.p50Millis(), rpc.p99Millis(), p50Ratio, tputRatio,
                        base.errors(), base.lost(), rpc.errors(), rpc.lost()));
                if (type.equals(queueTypes.get(0))) {
                    if (p50Ratio > worstP50Ratio) {
                        worstP50Ratio = p50Ratio;
                        worstP50At = level + " in flight";
                    }
                    if (tputRatio < worstTputRatio) {
                        worstTputRatio = tputRatio;
                        worstTputAt = level + " in flight";
                    }
                    if (level >= 16 && rpc.callsPerSecond() > bestQuorumRpc) {
                        bestQuorumRpc = rpc.callsPerSecond();
                        bestRpcAt = level + " in flight";
                    }
                }
            }
        }
        out.append('\n').append("CPU per call in microseconds (this JVM = client + server halves; broker = beam.smp),\n"
                + "and cores used by other processes meanwhile (noise: the machine has "
                + Runtime.getRuntime().availableProcessors() + ")\n");
        out.append(String.format(Locale.ROOT, "%-8s %6s | %9s %9s %7s | %9s %9s %7s | %s%n",
                "queue", "flight", "base jvm", "broker", "other", "rpc jvm", "broker", "other", "rpc-base jvm"));
        out.append("-".repeat(90)).append('\n');
        for (String type : queueTypes) {
            for (int level : levels) {
                ClosedLoop.Result base = find(results, "baseline/" + type, level);
                ClosedLoop.Result rpc = find(results, "rpc/" + type, level);
                if (base == null || rpc == null) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "%-8s %6d | %9.1f %9.1f %7.2f | %9.1f %9.1f %7.2f | %+.1f%n",
                        type, level, base.jvmMicrosPerCall(), base.brokerMicrosPerCall(), base.otherCores(),
                        rpc.jvmMicrosPerCall(), rpc.brokerMicrosPerCall(), rpc.otherCores(),
                        rpc.jvmMicrosPerCall() - base.jvmMicrosPerCall()));
            }
        }
        String primary = queueTypes.get(0);
        out.append('\n').append("targets (" + primary + " queues, as the services use):\n");
        out.append(String.format(Locale.ROOT, "  RPC p50 within 1.3x of baseline p50 at every level: %s (worst %.2fx at %s)%n",
                worstP50Ratio <= 1.3 ? "MET" : "MISSED", worstP50Ratio, worstP50At));
        out.append(String.format(Locale.ROOT, "  RPC throughput at least 0.7x of baseline at every level: %s (worst %.2fx at %s)%n",
                worstTputRatio >= 0.7 ? "MET" : "MISSED", worstTputRatio, worstTputAt));
        out.append(String.format(Locale.ROOT, "  at least 5,000 RPC/s at 16 or 256 in flight: %s (best %,.0f/s at %s)%n",
                bestQuorumRpc >= 5000 ? "MET" : "MISSED", bestQuorumRpc, bestRpcAt));
        out.append(String.format(Locale.ROOT, "run took %.0f s; load average at the end: %s%n", took, loadAverage()));
        return out.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static ClosedLoop.Result find(List<ClosedLoop.Result> results, String label, int level) {
        for (ClosedLoop.Result r : results) {
            if (r.label().equals(label) && r.level() == level) {
                return r;
            }
        }
        return null;
    }

    private static byte[] payload() {
        byte[] p = new byte[PAYLOAD_BYTES];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) ('a' + i % 26);
        }
        return p;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("micrometer") || key.equals("threads")) {
                opts.put(key, "true");
            } else if (i + 1 < args.length) {
                opts.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
        }
        return opts;
    }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
            if (out[i] < 1 || out[i] > 4096) {
                throw new IllegalArgumentException("in-flight level out of range: " + out[i]);
            }
        }
        return out;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }
}
