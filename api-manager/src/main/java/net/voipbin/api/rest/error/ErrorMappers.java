package net.voipbin.api.rest.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import net.voipbin.proto.flow.v1.InvalidActionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Every failure leaves as the error body; nothing leaks a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response grpc(StatusRuntimeException e) {
        Response response = ApiError.fromStatus(e);
        if (response.getStatus() >= 500 && response.getStatus() != 501 && response.getStatus() != 503) {
            LOG.errorf("manager call failed: %s", e.getStatus());
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalidAction(InvalidActionException e) {
        return ApiError.invalid(e.field(), e.reason());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            boolean unknown = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
            String problem = unknown ? "unknown field" : "has the wrong type or format";
            return unknown ? ApiError.invalid(field, "UNKNOWN_FIELD", problem) : ApiError.invalid(field, problem);
        }
        return ApiError.invalid("body", "INVALID_BODY", "request body is not valid JSON");
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response notFound(NotFoundException e) {
        return ApiError.response(404, "ROUTE_NOT_FOUND", "no such route", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ApiError.response(405, "METHOD_NOT_ALLOWED", "method not allowed on this route", null);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return ApiError.response(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be application/json",
                ErrorReasons.fieldDetails("body"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return ApiError.response(500, "INTERNAL_ERROR", "internal error", null);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json);
        }
        return ApiError.response(status, ErrorReasons.reasonOf(status), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        if (e instanceof DatabindException databind) {
            return json(databind);
        }
        if (e.getCause() instanceof StatusRuntimeException grpc) {
            return grpc(grpc);
        }
        var conflict = net.voipbin.common.error.Errors.fromConstraintViolation(e);
        if (conflict.isPresent()) {
            // Two requests raced past a uniqueness check (same username, email): 409, as the check itself answers.
            return ApiError.fromStatus(conflict.get());
        }
        LOG.error("request failed", e);
        return ApiError.response(500, "INTERNAL_ERROR", "internal error", null);
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }
}
