package net.voipbin.common.rpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.arc.Unremovable;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a handler's failure into the status the caller sees: a gRPC status travels as is;
 * anything else is a bug on our side, logged here and reported as INTERNAL without its
 * message (which may hold internals the caller has no business reading).
 */
@ApplicationScoped
@Unremovable
public class RpcExceptionHandlerProvider implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(RpcExceptionHandlerProvider.class);

    @Override
    public Throwable transform(Throwable failure) {
        if (failure instanceof StatusRuntimeException || failure instanceof StatusException) {
            return failure;
        }
        LOG.errorf(failure, "RPC handler failed");
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
                                                                     ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<ReqT, RespT> serverCall, Metadata trailers) {
                serverCall.close(ExceptionHandlerProvider.toStatus(transform(failure)),
                        ExceptionHandlerProvider.toTrailers(failure).orElse(trailers));
            }
        };
    }
}
