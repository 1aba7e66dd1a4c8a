package net.voipbin.bench;

import io.smallrye.mutiny.Uni;
import net.voipbin.proto.bench.v1.BenchReply;
import net.voipbin.proto.bench.v1.BenchRequest;
import net.voipbin.proto.bench.v1.MutinyBenchServiceGrpc;

/** Echoes the payload back; a plain object handed to RpcDispatcher (no CDI). */
final class BenchServiceImpl extends MutinyBenchServiceGrpc.BenchServiceImplBase {

    @Override
    public Uni<BenchReply> echo(BenchRequest request) {
        return Uni.createFrom().item(BenchReply.newBuilder()
                .setPayload(request.getPayload())
                .setSeq(request.getSeq())
                .build());
    }
}
