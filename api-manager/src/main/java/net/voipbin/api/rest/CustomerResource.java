package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.model.Customer;
import net.voipbin.api.service.IdentityService;
import net.voipbin.api.mapping.Validate;
import net.voipbin.api.mapping.Views;
import net.voipbin.common.error.Errors;

/** The caller's own customer ({@code /customer}), superadmin customers ({@code /customers}) and {@code /me}. */
@Path("/v1.0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    public static class CustomerBody {
        public String name;
        public String detail;
        public String email;
        public String phone_number;
        public String address;
        public String webhook_method;
        public String webhook_uri;
        /** Extension: with password, creates the customer's first admin agent. */
        public String username;
        public String password;
    }

    private final IdentityService identity;
    private final CurrentIdentity current;

    public CustomerResource(IdentityService identity, CurrentIdentity current) {
        this.identity = identity;
        this.current = current;
    }

    @GET
    @Path("/customer")
    public Uni<ObjectNode> own() {
        Identity me = current.get();
        Permissions.require(me, Permissions.ADMIN_OR_MANAGER);
        return identity.customer(me.customerId()).map(Views::customer);
    }

    @PUT
    @Path("/customer")
    public Uni<ObjectNode> updateOwn(CustomerBody body) {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        if (body.username != null || body.password != null) {
            throw Errors.invalidArgument(body.username != null ? "username" : "password", "unknown field");
        }
        validate(body);
        String email = email(body.email);
        return identity.updateCustomer(me.customerId(), c -> {
            if (body.name != null) c.name = body.name;
            if (body.detail != null) c.detail = body.detail;
            if (body.email != null) c.email = email;
            if (body.phone_number != null) c.phoneNumber = body.phone_number;
            if (body.address != null) c.address = body.address;
            if (body.webhook_method != null) c.webhookMethod = body.webhook_method;
            if (body.webhook_uri != null) c.webhookUri = body.webhook_uri;
        }).map(Views::customer);
    }

    /** The contract's CustomerManagerMetadata; absent fields are kept. */
    public static class MetadataBody {
        public Boolean rtp_debug;
    }

    @PUT
    @Path("/customer/metadata")
    public Uni<ObjectNode> updateOwnMetadata(MetadataBody body) {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        return updateMetadata(me.customerId(), body);
    }

    /** Superadmin only (the contract: ProjectSuperAdmin); an unknown id is 404. */
    @PUT
    @Path("/customers/{id}/metadata")
    public Uni<ObjectNode> updateMetadata(@PathParam("id") String id, MetadataBody body) {
        Permissions.requireSuperadmin(current.get());
        return updateMetadata(Validate.id("id", id), body);
    }

    private Uni<ObjectNode> updateMetadata(java.util.UUID customerId, MetadataBody body) {
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        return identity.updateCustomer(customerId, c -> {
            if (body.rtp_debug != null) c.rtpDebug = body.rtp_debug;
        }).map(Views::customer);
    }

    @GET
    @Path("/customers")
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        Permissions.requireSuperadmin(current.get());
        return identity.listCustomers(Validate.page(pageSize, pageToken))
                .map(page -> Views.page(page.items(), Views::customer, page.nextToken()));
    }

    @POST
    @Path("/customers")
    public Uni<ObjectNode> create(CustomerBody body) {
        Permissions.requireSuperadmin(current.get());
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        validate(body);
        if ((body.username == null) != (body.password == null)) {
            throw Errors.invalidArgument(body.username == null ? "username" : "password",
                    "username and password go together");
        }
        if (body.username != null) {
            Validate.required("username", body.username, 255);
            if (body.password.length() < 8) {
                throw Errors.invalidArgument("password", "must be at least 8 characters");
            }
            Validate.text("password", body.password, 72);
        }
        Customer c = new Customer();
        c.name = body.name == null ? "" : body.name;
        c.detail = body.detail == null ? "" : body.detail;
        c.email = email(body.email);
        c.phoneNumber = body.phone_number == null ? "" : body.phone_number;
        c.address = body.address == null ? "" : body.address;
        c.webhookMethod = body.webhook_method == null ? "" : body.webhook_method;
        c.webhookUri = body.webhook_uri == null ? "" : body.webhook_uri;
        return identity.createCustomer(c, body.username, body.password).map(n -> Views.customer(n.customer()));
    }

    @GET
    @Path("/customers/{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id) {
        Permissions.requireSuperadmin(current.get());
        return identity.customer(Validate.id("id", id)).map(Views::customer);
    }

    @DELETE
    @Path("/customers/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        Permissions.requireSuperadmin(current.get());
        return identity.deleteCustomer(Validate.id("id", id)).map(Views::customer);
    }

    @POST
    @Path("/customers/{id}/freeze")
    public Uni<ObjectNode> freeze(@PathParam("id") String id) {
        Permissions.requireSuperadmin(current.get());
        return identity.freezeCustomer(Validate.id("id", id)).map(Views::customer);
    }

    @POST
    @Path("/customers/{id}/recover")
    public Uni<ObjectNode> recover(@PathParam("id") String id) {
        Permissions.requireSuperadmin(current.get());
        return identity.recoverCustomer(Validate.id("id", id)).map(Views::customer);
    }

    @GET
    @Path("/me")
    public Uni<ObjectNode> me() {
        Identity me = current.get();
        if (me.kind() != Identity.Kind.AGENT) {
            throw Errors.permissionDenied("only an agent (JWT) has a /me; this is an access key");
        }
        return identity.agent(me.customerId(), me.agentId()).map(Views::agent);
    }

    private static void validate(CustomerBody body) {
        Validate.text("name", body.name, 255);
        Validate.text("detail", body.detail, 4096);
        Validate.text("phone_number", body.phone_number, 64);
        Validate.text("address", body.address, 1024);
        Validate.webhookMethod(body.webhook_method);
        Validate.webhookUri(body.webhook_uri);
    }

    private static String email(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = Validate.text("email", email.trim().toLowerCase(), 320);
        if (!e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Errors.invalidArgument("email", "is not an email address");
        }
        return e;
    }
}
