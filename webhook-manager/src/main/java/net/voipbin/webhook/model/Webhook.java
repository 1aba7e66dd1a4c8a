package net.voipbin.webhook.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;

/** A customer's webhook target (at most one per customer). */
@Entity
@Table(name = "webhook")
public class Webhook extends TenantResource {

    public static final String METHOD_POST = "POST";

    public String method;
    public String uri;

    /** JSON array of the event types delivered; empty array = every event. */
    @Column(name = "event_types", columnDefinition = "TEXT")
    public String eventTypesJson;

    /**
     * Signing secret, kept as given because signing needs it (HMAC); never returned by an RPC.
     * Null when deliveries are not signed.
     */
    public String secret;
}
