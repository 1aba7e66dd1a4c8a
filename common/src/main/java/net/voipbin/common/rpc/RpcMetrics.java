package net.voipbin.common.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** RPC latency per method and status, for /q/metrics. Timers are cached: this is the hot path. */
public final class RpcMetrics {

    private final MeterRegistry registry;
    private final String name;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RpcMetrics(MeterRegistry registry, String name) {
        this.registry = registry;
        this.name = name;
    }

    public void record(String method, io.grpc.Status.Code status, long nanos) {
        if (registry == null) {
            return;
        }
        String key = method + '|' + status.name();
        timers.computeIfAbsent(key, k -> Timer.builder(name)
                        .description("RPC over RabbitMQ, by method and gRPC status")
                        .tag("method", method)
                        .tag("status", status.name())
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
