package net.voipbin.api.client;

import io.grpc.stub.AbstractStub;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.config.ApiConfig;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The deadline every manager call of the gateway carries ({@code voipbin.api.rpc.deadline}). A stub's
 * {@code withDeadlineAfter} fixes an absolute deadline when it is called, so it is applied per call,
 * never once to a stub kept in a field.
 */
@ApplicationScoped
public class RpcDeadline {

    private final Duration deadline;

    public RpcDeadline(ApiConfig config) {
        this.deadline = config.rpc().deadline();
    }

    <S extends AbstractStub<S>> S on(S stub) {
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
    }
}
