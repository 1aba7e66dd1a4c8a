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
import net.voipbin.api.service.IdentityService;
import net.voipbin.api.mapping.Validate;
import net.voipbin.api.mapping.Views;
import net.voipbin.common.error.Errors;

/** Access keys of the caller's customer (CustomerAdmin). The secret is in the POST response only. */
@Path("/v1.0/accesskeys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccesskeyResource {

    public static class AccesskeyBody {
        public String name;
        public String detail;
        /** Lifetime in seconds, at least 86400; absent = one year. */
        public Long expire;
    }

    private final IdentityService identity;
    private final CurrentIdentity current;

    public AccesskeyResource(IdentityService identity, CurrentIdentity current) {
        this.identity = identity;
        this.current = current;
    }

    private Identity admin() {
        Identity me = current.get();
        Permissions.require(me, Permissions.CUSTOMER_ADMIN);
        return me;
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        Identity me = admin();
        return identity.listAccesskeys(me.customerId(), Validate.page(pageSize, pageToken))
                .map(page -> Views.page(page.items(), Views::accesskey, page.nextToken()));
    }

    @POST
    public Uni<ObjectNode> create(AccesskeyBody body) {
        Identity me = admin();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required (a JSON object)");
        }
        AccesskeyBody b = body;
        Validate.text("name", b.name, 255);
        Validate.text("detail", b.detail, 4096);
        long expire = b.expire == null ? IdentityService.DEFAULT_ACCESSKEY_SECONDS : b.expire;
        if (expire < IdentityService.MIN_ACCESSKEY_SECONDS || expire > 10L * 365 * 86_400) {
            throw Errors.invalidArgument("expire", "must be between 86400 seconds and 10 years");
        }
        return identity.createAccesskey(me.customerId(), b.name, b.detail, expire).map(Views::accesskey);
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> get(@PathParam("id") String id) {
        Identity me = admin();
        return identity.accesskey(me.customerId(), Validate.id("id", id)).map(Views::accesskey);
    }

    @PUT
    @Path("/{id}")
    public Uni<ObjectNode> update(@PathParam("id") String id, AccesskeyBody body) {
        Identity me = admin();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        if (body.expire != null) {
            throw Errors.invalidArgument("expire", "cannot be changed");
        }
        Validate.text("name", body.name, 255);
        Validate.text("detail", body.detail, 4096);
        return identity.updateAccesskey(me.customerId(), Validate.id("id", id), body.name, body.detail)
                .map(Views::accesskey);
    }

    @DELETE
    @Path("/{id}")
    public Uni<ObjectNode> delete(@PathParam("id") String id) {
        Identity me = admin();
        return identity.deleteAccesskey(me.customerId(), Validate.id("id", id)).map(Views::accesskey);
    }
}
