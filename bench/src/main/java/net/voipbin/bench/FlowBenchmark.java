package net.voipbin.bench;

import io.smallrye.mutiny.Uni;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.NextActionRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;

/**
 * flow-manager's action engine against a plain DB-read RPC (GetFlow) of the same service, measured
 * in the same run. bench/flow-run.sh starts flow-manager as a process and passes the namespace.
 * <ul>
 * <li>(a) control actions per second: a flow variable_set -> branch -> goto(loop_count N) -> talk; each
 * worker creates an activeflow (reference_type call) and calls NextAction(start), which runs 3(N+1)
 * control actions inside one NextAction and answers the talk.</li>
 * <li>(b) NextAction as call-manager uses it: a flow of M talk actions; each worker steps its own
 * activeflow with NextAction(current id), one media action per round trip, and starts a fresh
 * activeflow (untimed) when it gets the finish action.</li>
 * </ul>
 * Options: {@code --warmup-ms 1000 --measure-ms 4000 --rounds 2 --control-levels 1,8 --media-levels 1,16
 * --loop-count 300 --talks 200 --results DIR}.
 */
public final class FlowBenchmark {

    static final String START_ID = "00000000-0000-0000-0000-000000000001";
    static final String FINISH_ID = "00000000-0000-0000-0000-000000000002";
    private static final long MAX_STEPS_PER_RUN = 2_000_000;
    private static final long DRAIN_MILLIS = 5_000;

    private FlowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[0];
        Map<String, String> opts = parse(args);
        long warmupMillis = Long.parseLong(opts.getOrDefault("warmup-ms", "1000"));
        long measureMillis = Long.parseLong(opts.getOrDefault("measure-ms", "4000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "2"));
        int[] controlLevels = ints(opts.getOrDefault("control-levels", "1,8"));
        int[] mediaLevels = ints(opts.getOrDefault("media-levels", "1,16"));
        int loopCount = Integer.parseInt(opts.getOrDefault("loop-count", "300"));
        int talks = Integer.parseInt(opts.getOrDefault("talks", "200"));
        Path resultsDir = Path.of(opts.getOrDefault("results", "results"));
        if (measureMillis / rounds + warmupMillis > 20_000) {
            throw new IllegalArgumentException("keep each measurement at or under 20 s");
        }
        String customer = UUID.randomUUID().toString();
        long began = System.nanoTime();
        StringBuilder out = new StringBuilder();
        try (BenchBus bus = new BenchBus(namespace, "bench-flow", Duration.ofSeconds(10))) {
            MutinyFlowServiceGrpc.MutinyFlowServiceStub flows = MutinyFlowServiceGrpc.newMutinyStub(bus.rpc.channel("flow-manager"));
            Duration wait = Duration.ofSeconds(30);

            Flow control = flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer).setName("bench control loop")
                    .addAllActions(actionsFromJson(controlActions(loopCount))).setPersist(true).build()).await().atMost(wait);
            Flow media = flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer).setName("bench talks")
                    .addAllActions(actionsFromJson(talkActions(talks))).setPersist(true).build()).await().atMost(wait);

            // Probe: how many control actions one NextAction runs (execute_count counts the talk too).
            String probe = flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(customer)
                    .setFlowId(control.getId()).setReferenceType("call").setReferenceId(UUID.randomUUID().toString())
                    .build()).await().atMost(wait).getId();
            Action first = flows.nextAction(NextActionRequest.newBuilder().setCustomerId(customer).setActiveflowId(probe)
                    .setCurrentActionId(START_ID).build()).await().atMost(wait);
            int executed = flows.getActiveflow(GetActiveflowRequest.newBuilder().setCustomerId(customer).setId(probe).build())
                    .await().atMost(wait).getExecuteCount();
            if (!first.getType().equals("talk")) {
                throw new IllegalStateException("control flow answered " + first.getType() + " (" + first.getId()
                        + "), not talk: the step cap or control-step cap ended it? execute_count " + executed);
            }
            int controlSteps = executed - 1;
            log("one NextAction runs %d control actions (execute_count %d, loop_count %d)", controlSteps, executed, loopCount);

            // JIT warm-up of every path, not reported.
            log("warming up");
            new WorkerLoop(MAX_STEPS_PER_RUN).run("warm", 4, i -> getFlow(flows, customer, control.getId()), 2000, 1, DRAIN_MILLIS);
            new WorkerLoop(MAX_STEPS_PER_RUN).run("warm", 4, i -> controlRun(flows, customer, control.getId(), controlSteps), 2000, 1, DRAIN_MILLIS);
            new WorkerLoop(MAX_STEPS_PER_RUN).run("warm", 4, i -> new MediaWorker(flows, customer, media.getId()), 2000, 1, DRAIN_MILLIS);

            out.append(String.format(Locale.ROOT, "VoIPBIN-J flow-manager engine benchmark, %s%n",
                    ZonedDateTime.now(ZoneId.systemDefault()).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
            out.append(String.format(Locale.ROOT, "machine: SHARED %d-core machine (other tests may be running: absolute figures are noisy, "
                            + "the ratios to the in-run baseline are what counts), Java %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
            out.append(String.format(Locale.ROOT, "flow-manager: one process, MariaDB schema voipbin_flow_bench, namespace %s; "
                            + "closed loop, per level and side %d rounds (A-B-B-A) of %.1f s warm-up + %.1f s window%n",
                    namespace, rounds, warmupMillis / 1e3, measureMillis / 1e3 / rounds));
            out.append("baseline: GetFlow of the flow being run (one RPC round trip + one indexed row read), same service, same levels\n\n");

            // (a) control actions per second.
            out.append(String.format(Locale.ROOT, "(a) control actions per second: flow variable_set -> branch -> goto(loop_count %d) -> talk;%n"
                    + "    per step: CreateActiveflow(call) + NextAction(start) that runs %d control actions and answers the talk%n", loopCount, controlSteps));
            out.append(String.format(Locale.ROOT, "%6s | %10s %8s %8s | %12s %9s %9s %9s %9s | %s%n", "flight", "GetFlow/s", "p50 ms", "p99 ms",
                    "control/s", "NA p50 ms", "NA p99 ms", "us/action", "cycle ms", "control action = x GetFlow round trips (by rate; by p50)"));
            out.append("-".repeat(140)).append('\n');
            for (int level : controlLevels) {
                WorkerLoop.Result[] ab = abba("control", level, rounds, warmupMillis, measureMillis,
                        i -> getFlow(flows, customer, control.getId()), i -> controlRun(flows, customer, control.getId(), controlSteps));
                WorkerLoop.Result base = ab[0];
                WorkerLoop.Result run = ab[1];
                double perAction = run.p50Millis() * 1000 / controlSteps;
                out.append(String.format(Locale.ROOT, "%6d | %10.0f %8.2f %8.2f | %12.0f %9.2f %9.2f %9.1f %9.2f | %.4fx by rate (%.0f actions per GetFlow); %.4fx by p50%s%n",
                        level, base.callsPerSecond(), base.p50Millis(), base.p99Millis(), run.unitsPerSecond(), run.p50Millis(),
                        run.p99Millis(), perAction, level * 1000.0 / run.callsPerSecond(), base.callsPerSecond() / run.unitsPerSecond(),
                        run.unitsPerSecond() / base.callsPerSecond(), perAction / 1000 / base.p50Millis(), errors(base, run)));
            }
            out.append("    control/s = control actions completed in the window / window (CreateActiveflow time included);\n"
                    + "    NA = the NextAction that runs them; us/action = NA p50 / actions per NextAction;\n"
                    + "    cycle ms = mean time of one CreateActiveflow + NextAction per worker (flight / cycles per second)\n\n");

            // (b) NextAction round trip per media action.
            out.append(String.format(Locale.ROOT, "(b) added latency per media action: flow of %d talk actions; per step one NextAction(current id)%n"
                    + "    answering the next talk, one activeflow per worker (a fresh one, untimed, after the finish action)%n", talks));
            out.append(String.format(Locale.ROOT, "%6s | %10s %8s %8s | %10s %8s %8s | %9s %9s %10s | %s%n", "flight", "GetFlow/s", "p50 ms", "p99 ms",
                    "NextAct/s", "p50 ms", "p99 ms", "p50 ratio", "p99 ratio", "tput ratio", "errors/lost (base, next)"));
            out.append("-".repeat(124)).append('\n');
            for (int level : mediaLevels) {
                WorkerLoop.Result[] ab = abba("media", level, rounds, warmupMillis, measureMillis,
                        i -> getFlow(flows, customer, media.getId()), i -> new MediaWorker(flows, customer, media.getId()));
                WorkerLoop.Result base = ab[0];
                WorkerLoop.Result run = ab[1];
                out.append(String.format(Locale.ROOT, "%6d | %10.0f %8.2f %8.2f | %10.0f %8.2f %8.2f | %8.2fx %8.2fx %9.2fx | %d/%d, %d/%d%n",
                        level, base.callsPerSecond(), base.p50Millis(), base.p99Millis(), run.callsPerSecond(), run.p50Millis(),
                        run.p99Millis(), run.p50Millis() / base.p50Millis(), run.p99Millis() / base.p99Millis(),
                        run.callsPerSecond() / base.callsPerSecond(), base.errors(), base.lost(), run.errors(), run.lost()));
                if (run.firstError() != null) {
                    out.append("       first error: ").append(run.firstError()).append('\n');
                }
            }
            out.append("    what call-manager pays per media action = one NextAction round trip (NextAct p50/p99 above)\n");
        }
        out.append(String.format(Locale.ROOT, "run took %.0f s; load average at the end: %s%n", (System.nanoTime() - began) / 1e9, loadAverage()));
        System.out.print(out);
        Files.createDirectories(resultsDir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
        Path file = resultsDir.resolve("flow-" + stamp + ".txt");
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        System.out.println("written to " + file);
        System.exit(0);
    }

    private static String errors(WorkerLoop.Result base, WorkerLoop.Result run) {
        if (base.errors() + base.lost() + run.errors() + run.lost() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " [errors/lost base %d/%d, run %d/%d: %s]", base.errors(), base.lost(),
                run.errors(), run.lost(), run.firstError() != null ? run.firstError() : base.firstError());
    }

    /** Baseline (index 0) and engine (index 1), rounds in A-B-B-A order so drifting load falls on both. */
    private static WorkerLoop.Result[] abba(String what, int level, int rounds, long warmupMillis, long measureMillis,
                                            IntFunction<WorkerLoop.Worker> baseline, IntFunction<WorkerLoop.Worker> engine)
            throws InterruptedException {
        WorkerLoop.Result[] sum = new WorkerLoop.Result[2];
        for (int round = 0; round < rounds; round++) {
            for (int side = 0; side < 2; side++) {
                int s = (round % 2 == 0) ? side : 1 - side;
                log("%s, %d in flight, round %d/%d: %s", what, level, round + 1, rounds, s == 0 ? "GetFlow" : "engine");
                WorkerLoop.Result r = new WorkerLoop(MAX_STEPS_PER_RUN).run(s == 0 ? "GetFlow" : what, level,
                        s == 0 ? baseline : engine, warmupMillis, measureMillis / rounds, DRAIN_MILLIS);
                sum[s] = sum[s] == null ? r : sum[s].plus(r);
            }
        }
        return sum;
    }

    private static WorkerLoop.Worker getFlow(MutinyFlowServiceGrpc.MutinyFlowServiceStub flows, String customer, String flowId) {
        GetFlowRequest request = GetFlowRequest.newBuilder().setCustomerId(customer).setId(flowId).build();
        return () -> {
            long t0 = System.nanoTime();
            return flows.getFlow(request).map(f -> new WorkerLoop.Sample(System.nanoTime() - t0, 1));
        };
    }

    /** CreateActiveflow + NextAction(start): the timed part is the NextAction; units = control actions it ran. */
    private static WorkerLoop.Worker controlRun(MutinyFlowServiceGrpc.MutinyFlowServiceStub flows, String customer,
                                                String flowId, int controlSteps) {
        return () -> flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(customer).setFlowId(flowId)
                        .setReferenceType("call").setReferenceId(UUID.randomUUID().toString()).build())
                .chain(af -> {
                    long t0 = System.nanoTime();
                    return flows.nextAction(NextActionRequest.newBuilder().setCustomerId(customer).setActiveflowId(af.getId())
                                    .setCurrentActionId(START_ID).build())
                            .map(action -> {
                                if (!action.getType().equals("talk")) {
                                    throw new IllegalStateException("NextAction answered " + action.getType() + ", not talk");
                                }
                                return new WorkerLoop.Sample(System.nanoTime() - t0, controlSteps);
                            });
                });
    }

    /** Steps one activeflow of talk actions as call-manager does; a fresh activeflow after the finish action. */
    private static final class MediaWorker implements WorkerLoop.Worker {
        private final MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
        private final String customer;
        private final String flowId;
        private String activeflowId;
        private String current;

        MediaWorker(MutinyFlowServiceGrpc.MutinyFlowServiceStub flows, String customer, String flowId) {
            this.flows = flows;
            this.customer = customer;
            this.flowId = flowId;
        }

        @Override
        public Uni<WorkerLoop.Sample> step() {
            Uni<Void> ready = activeflowId != null ? Uni.createFrom().voidItem()
                    : flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(customer).setFlowId(flowId)
                            .setReferenceType("call").setReferenceId(UUID.randomUUID().toString()).build())
                    .invoke(af -> {
                        activeflowId = af.getId();
                        current = START_ID;
                    }).replaceWithVoid();
            return ready.chain(() -> {
                long t0 = System.nanoTime();
                return flows.nextAction(NextActionRequest.newBuilder().setCustomerId(customer).setActiveflowId(activeflowId)
                        .setCurrentActionId(current).build()).map(action -> {
                            long nanos = System.nanoTime() - t0;
                            if (action.getId().equals(FINISH_ID)) {
                                activeflowId = null;
                            } else if (!action.getType().equals("talk")) {
                                throw new IllegalStateException("NextAction answered " + action.getType());
                            } else {
                                current = action.getId();
                            }
                            return new WorkerLoop.Sample(nanos, 1);
                        });
            }).onFailure().invoke(e -> activeflowId = null); // start over on a fresh activeflow
        }
    }

    static String controlActions(int loopCount) {
        return "[{\"id\":\"start\",\"type\":\"variable_set\",\"option\":{\"key\":\"bench.x\",\"value\":\"1\"}},"
                + "{\"type\":\"branch\",\"option\":{\"variable\":\"bench.x\",\"target_ids\":{\"1\":\"loop\"},\"default_target_id\":\"loop\"}},"
                + "{\"id\":\"loop\",\"type\":\"goto\",\"option\":{\"target_id\":\"start\",\"loop_count\":" + loopCount + "}},"
                + "{\"type\":\"talk\",\"option\":{\"text\":\"done\"}}]";
    }

    static String talkActions(int count) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"type\":\"talk\",\"option\":{\"text\":\"step ").append(i).append("\",\"language\":\"en-US\"}}");
        }
        return b.append(']').toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
            if (out[i] < 1 || out[i] > 256) {
                throw new IllegalArgumentException("in-flight level out of range: " + out[i]);
            }
        }
        return out;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }
}
