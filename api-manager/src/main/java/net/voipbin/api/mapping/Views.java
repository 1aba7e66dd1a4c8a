package net.voipbin.api.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.api.model.Accesskey;
import net.voipbin.api.model.Agent;
import net.voipbin.api.model.Customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The public JSON of api-manager's own resources (contract shapes, snake_case; unset times and an empty email left out, as PublicJson). */
public final class Views {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    private Views() {
    }

    public static ObjectNode customer(Customer c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", c.id.toString());
        o.put("name", nz(c.name));
        o.put("detail", nz(c.detail));
        if (c.email != null && !c.email.isEmpty()) {
            o.put("email", c.email);
        }
        o.put("phone_number", nz(c.phoneNumber));
        o.put("address", nz(c.address));
        o.put("webhook_method", nz(c.webhookMethod));
        o.put("webhook_uri", nz(c.webhookUri));
        o.put("billing_account_id", c.billingAccountId == null ? NIL : c.billingAccountId.toString());
        o.putObject("metadata").put("rtp_debug", c.rtpDebug);
        o.put("email_verified", c.emailVerified);
        o.put("status", nz(c.status));
        o.put("identity_verification_status", "none");
        times(o, c.tmCreate, c.tmUpdate, c.tmDelete);
        return o;
    }

    public static ObjectNode agent(Agent a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", a.id.toString());
        o.put("customer_id", a.customerId.toString());
        o.put("username", a.username);
        o.put("name", nz(a.name));
        o.put("detail", nz(a.detail));
        o.put("ring_method", nz(a.ringMethod));
        o.put("status", nz(a.status));
        o.put("permission", a.permission);
        o.putArray("tag_ids");
        o.putArray("addresses");
        o.put("direct_hash", "");
        times(o, a.tmCreate, a.tmUpdate, a.tmDelete);
        return o;
    }

    public static ObjectNode accesskey(Accesskey k) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", k.id.toString());
        o.put("customer_id", k.customerId.toString());
        o.put("name", nz(k.name));
        o.put("detail", nz(k.detail));
        if (k.rawToken != null) {
            o.put("token", k.rawToken);
        }
        o.put("token_prefix", k.tokenPrefix);
        o.put("tm_expire", net.voipbin.common.time.TimeFormat.format(k.tmExpire));
        times(o, k.tmCreate, k.tmUpdate, k.tmDelete);
        return o;
    }

    public static <T> ObjectNode page(List<T> items, Function<T, ? extends com.fasterxml.jackson.databind.JsonNode> view,
                                      String nextToken) {
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode result = o.putArray("result");
        items.forEach(i -> result.add(view.apply(i)));
        o.put("next_page_token", nextToken == null ? "" : nextToken);
        return o;
    }

    static void times(ObjectNode o, Instant create, Instant update, Instant delete) {
        time(o, "tm_create", create);
        time(o, "tm_update", update);
        time(o, "tm_delete", delete);
    }

    static void time(ObjectNode o, String field, Instant value) {
        if (value != null) {
            o.put(field, net.voipbin.common.time.TimeFormat.format(value));
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    public static String id(UUID id) {
        return id == null ? NIL : id.toString();
    }
}
