package net.voipbin.common.rpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.arc.Unremovable;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.flow.v1.InvalidActionException;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a handler's failure into the status the caller sees: a gRPC status travels as is; flow
 * actions of the wrong shape are the caller's INVALID_ARGUMENT; a database constraint violation (a duplicate
 * key) is ALREADY_EXISTS or FAILED_PRECONDITION ({@link Errors#fromConstraintViolation}); anything else is a bug on our side,
 * logged here and reported as INTERNAL without its message (which may hold internals the caller has
 * no business reading).
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
        if (failure instanceof InvalidActionException invalid) {
            return Errors.invalidArgument(invalid.field(), invalid.reason());
        }
        java.util.Optional<StatusRuntimeException> conflict = Errors.fromConstraintViolation(failure);
        if (conflict.isPresent()) {
            // Two requests raced past a uniqueness check (or a row changed under us): the caller's conflict, not a bug.
            LOG.debugf("RPC handler hit a database constraint: %s", failure);
            return conflict.get();
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
