package net.voipbin.asterisksim.ari;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import net.voipbin.asterisksim.model.AriException;

import java.util.Map;

/** {@link AriException} → its status with {@code {"message":...}}, as Asterisk answers errors. */
@Provider
public class AriExceptionMapper implements ExceptionMapper<AriException> {
    @Override
    public Response toResponse(AriException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("message", e.getMessage())).build();
    }
}
