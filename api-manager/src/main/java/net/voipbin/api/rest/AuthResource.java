package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import net.voipbin.api.auth.AgentTokenIssuer;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.ratelimit.ClientKeys;
import net.voipbin.api.ratelimit.LoginBackoff;
import net.voipbin.api.model.Customer;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.service.IdentityService;
import net.voipbin.api.service.SignupService;
import net.voipbin.api.rest.error.ApiError;
import net.voipbin.api.mapping.Validate;
import net.voipbin.api.mapping.Views;
import net.voipbin.common.error.Errors;

/** Login, signup and email verification: public, served at the root (as the reference does) and under /v1.0 (and /v1). */
@jakarta.inject.Singleton
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    public static class LoginRequest {
        public String username;
        public String password;
    }

    public static class SignupRequest {
        public String name;
        public String detail;
        public String email;
        public String phone_number;
        public String address;
        public String webhook_method;
        public String webhook_uri;
        public Boolean accepted_tos;
    }

    private final IdentityService identity;
    private final AgentTokenIssuer tokens;
    private final LoginBackoff backoff;
    private final ClientKeys clients;
    private final HttpServerRequest request;
    private final boolean secureCookie;
    private final SignupService signups;
    private final boolean signupEnabled;

    public AuthResource(IdentityService identity, AgentTokenIssuer tokens, LoginBackoff backoff, ClientKeys clients,
                        HttpServerRequest request, SignupService signups, ApiConfig config) {
        this.identity = identity;
        this.tokens = tokens;
        this.backoff = backoff;
        this.clients = clients;
        this.request = request;
        this.secureCookie = config.cookie().secure();
        this.signups = signups;
        this.signupEnabled = config.signup().enabled();
    }

    @POST
    @Path("/auth/login")
    public Uni<Response> login(LoginRequest body) {
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        Validate.required("username", body.username, 255);
        Validate.required("password", body.password, 255);
        String client = clients.of(request);
        Response slowed = backoff.begin(client, body.username);
        if (slowed != null) {
            return Uni.createFrom().item(slowed);
        }
        return identity.login(body.username, body.password).map(agent -> {
            if (agent == null) {
                return ApiError.response(401, "INVALID_CREDENTIALS", "wrong username or password", null);
            }
            backoff.succeeded(client, body.username);
            String token = tokens.issue(agent);
            ObjectNode out = Views.MAPPER.createObjectNode().put("username", body.username).put("token", token);
            NewCookie cookie = new NewCookie.Builder("token").value(token).path("/")
                    .maxAge((int) tokens.lifetime().toSeconds()).httpOnly(true).secure(secureCookie)
                    .sameSite(NewCookie.SameSite.STRICT).build();
            return Response.ok(out).cookie(cookie).build();
        });
    }

    public static class EmailVerifyRequest {
        public String token;
    }

    /**
     * Signup (contract: 200 and {@code {}} when nothing is provisioned now): the account exists only once the
     * address is verified ({@link #emailVerify}). A new and a known address get the same answer, byte for byte;
     * only the mail sent to the address differs (a token, or a notice that it has an account).
     */
    @POST
    @Path("/auth/signup")
    public Uni<ObjectNode> signup(SignupRequest body) {
        requireSignupEnabled();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        if (!Boolean.TRUE.equals(body.accepted_tos)) {
            throw Errors.invalidArgument("accepted_tos", "must be true");
        }
        String email = Validate.required("email", body.email, 320).trim().toLowerCase();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Errors.invalidArgument("email", "is not an email address");
        }
        Customer c = new Customer();
        c.name = Validate.text("name", body.name, 255);
        c.detail = Validate.text("detail", body.detail, 4096);
        c.email = email;
        c.phoneNumber = Validate.text("phone_number", body.phone_number, 64);
        c.address = Validate.text("address", body.address, 1024);
        c.webhookMethod = Validate.webhookMethod(body.webhook_method);
        c.webhookUri = Validate.webhookUri(body.webhook_uri);
        return signups.request(c).map(done -> Views.MAPPER.createObjectNode());
    }

    /** The mailed token → the customer (email verified) and its first access key, as signup answered before. */
    @POST
    @Path("/auth/email-verify")
    public Uni<ObjectNode> emailVerify(EmailVerifyRequest body) {
        requireSignupEnabled();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        Validate.required("token", body.token, 64);
        return signups.verify(body.token).map(verified -> {
            ObjectNode out = Views.MAPPER.createObjectNode();
            out.set("customer", Views.customer(verified.customer()));
            out.set("accesskey", Views.accesskey(verified.accesskey()));
            return out;
        });
    }

    private void requireSignupEnabled() {
        if (!signupEnabled) {
            throw io.grpc.Status.PERMISSION_DENIED.withDescription("self-service signup is disabled").asRuntimeException();
        }
    }
}
