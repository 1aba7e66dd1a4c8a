package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The same login, signup and email verification under /v1.0 (and /v1). */
@Path("/v1.0/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthV1Resource {

    private final AuthResource auth;

    public AuthV1Resource(AuthResource auth) {
        this.auth = auth;
    }

    @POST
    @Path("/login")
    public Uni<Response> login(AuthResource.LoginRequest body) {
        return auth.login(body);
    }

    @POST
    @Path("/signup")
    public Uni<ObjectNode> signup(AuthResource.SignupRequest body) {
        return auth.signup(body);
    }

    @POST
    @Path("/email-verify")
    public Uni<ObjectNode> emailVerify(AuthResource.EmailVerifyRequest body) {
        return auth.emailVerify(body);
    }
}
