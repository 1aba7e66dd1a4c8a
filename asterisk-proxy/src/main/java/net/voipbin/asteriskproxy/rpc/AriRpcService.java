package net.voipbin.asteriskproxy.rpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.asteriskproxy.ari.AriHttpClient;
import net.voipbin.asteriskproxy.config.AsteriskIdentity;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.AriResponse;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;

import java.time.Duration;
import java.util.Set;

/**
 * ARI REST as RPC: forwards method, path, query and body to this proxy's Asterisk and returns its
 * status and body unchanged, so callers see exactly what Asterisk said (404 for a gone channel
 * is an answer, not a failure). Only a transport failure is an error (UNAVAILABLE).
 */
@GrpcService
public class AriRpcService extends MutinyAriServiceGrpc.AriServiceImplBase {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    // Media operations may take Asterisk longer; the caller's own deadline still bounds the call.
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final AriHttpClient ari;
    private final String asteriskId;

    public AriRpcService(AriHttpClient ari, AsteriskIdentity identity) {
        this.ari = ari;
        this.asteriskId = identity.id();
    }

    @Override
    public Uni<AriResponse> request(AriRequest request) {
        if (!METHODS.contains(request.getMethod())) {
            return Uni.createFrom().failure(Errors.invalidArgument("method", "must be one of " + METHODS));
        }
        if (!request.getUri().startsWith("/ari/") || request.getUri().contains("..")) {
            return Uni.createFrom().failure(Errors.invalidArgument("uri", "must be an ARI path starting with /ari/"));
        }
        return ari.send(request.getMethod(), request.getUri(), request.getContentType(),
                        request.getBody().toByteArray(), HTTP_TIMEOUT)
                .map(reply -> AriResponse.newBuilder()
                        .setStatusCode(reply.status())
                        .setContentType(reply.contentType() == null ? "" : reply.contentType())
                        .setBody(ByteString.copyFrom(reply.body()))
                        .setAsteriskId(asteriskId)
                        .build())
                .onFailure(f -> !(f instanceof io.grpc.StatusRuntimeException))
                .transform(f -> Status.UNAVAILABLE.withDescription("Asterisk " + asteriskId + " ARI unreachable: "
                        + f.getMessage()).asRuntimeException());
    }
}
