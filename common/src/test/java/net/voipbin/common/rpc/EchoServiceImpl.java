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

/** Test service: echoes, sleeps or fails on request, and says which replica answered. */
@GrpcService
public class EchoServiceImpl extends MutinyEchoServiceGrpc.EchoServiceImplBase {

    private final String replica;
    final AtomicInteger served = new AtomicInteger();

    public EchoServiceImpl() {
        this("a");
    }

    public EchoServiceImpl(String replica) {
        this.replica = replica;
    }

    @Override
    public Uni<EchoReply> echo(EchoRequest request) {
        served.incrementAndGet();
        if (request.getFailCode() != 0) {
            return Uni.createFrom().failure(Status.fromCodeValue(request.getFailCode())
                    .withDescription(request.getFailMessage()).asRuntimeException());
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
