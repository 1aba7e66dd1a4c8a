package net.voipbin.common.rpc;

import io.grpc.Status;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.quarkus.grpc.GrpcService;
import net.voipbin.proto.testing.v1.EchoReply;
import net.voipbin.proto.testing.v1.EchoRequest;
import net.voipbin.proto.testing.v1.MutinyEchoServiceGrpc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.inject.Inject;

/** Test service: echoes, sleeps or fails on request, and says which replica answered. */
@GrpcService
public class EchoServiceImpl extends MutinyEchoServiceGrpc.EchoServiceImplBase {

    private final String replica;
    private final RpcClient rpc;
    final AtomicInteger served = new AtomicInteger();
    /** Status and duration of the last nested call, for the deadline-propagation test. */
    final AtomicReference<String> lastNested = new AtomicReference<>();

    @Inject
    public EchoServiceImpl(RpcClient rpc) {
        this("a", rpc);
    }

    public EchoServiceImpl(String replica, RpcClient rpc) {
        this.replica = replica;
        this.rpc = rpc;
    }

    String lastNested() {
        return lastNested.get();
    }

    @Override
    public Uni<EchoReply> echo(EchoRequest request) {
        served.incrementAndGet();
        if (request.getFailCode() != 0) {
            return Uni.createFrom().failure(Status.fromCodeValue(request.getFailCode())
                    .withDescription(request.getFailMessage()).asRuntimeException());
        }
        if ("duplicate-key".equals(request.getText())) {
            // A real unique-index violation from MariaDB through the reactive client, failing the handler as is.
            io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container().instance(io.vertx.mutiny.sqlclient.Pool.class).get();
            return pool.query("CREATE TABLE IF NOT EXISTS rpc_duplicate_probe (id INT PRIMARY KEY)").execute()
                    .chain(() -> pool.query("INSERT INTO rpc_duplicate_probe VALUES (1), (1)").execute())
                    .map(rows -> EchoReply.newBuilder().setText("inserted").build());
        }
        if (request.getNestedSleepMs() > 0) {
            long start = System.nanoTime();
            // No deadline of its own: the call must inherit what is left of the caller's.
            return MutinyEchoServiceGrpc.newMutinyStub(rpc.channel("common-test"))
                    .echo(EchoRequest.newBuilder().setText("inner").setSleepMs(request.getNestedSleepMs()).build())
                    .onItemOrFailure().transformToUni((item, failure) -> {
                        String status = failure == null ? "OK" : Status.fromThrowable(failure).getCode().name();
                        lastNested.set(status + " " + (System.nanoTime() - start) / 1_000_000);
                        // Passed on as is: answering OK here could reach the caller just before its own deadline fires.
                        return failure == null
                                ? Uni.createFrom().item(EchoReply.newBuilder().setText(lastNested.get()).setReplica(replica).build())
                                : Uni.createFrom().failure(failure);
                    });
        }
        EchoReply reply = EchoReply.newBuilder()
                .setText(request.getText())
                .setReplica(replica)
                .setRequestId(String.valueOf(RequestIds.current()))
                .setDuplicatedContext(VertxContext.isOnDuplicatedContext())
                .setEventLoop(Context.isOnEventLoopThread())
                .build();
        Uni<EchoReply> uni = Uni.createFrom().item(reply);
        return request.getSleepMs() > 0 ? uni.onItem().delayIt().by(Duration.ofMillis(request.getSleepMs())) : uni;
    }
}
