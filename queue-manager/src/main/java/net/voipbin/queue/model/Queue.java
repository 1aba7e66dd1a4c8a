package net.voipbin.queue.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import net.voipbin.common.db.TenantResource;

import java.util.UUID;

/** A customer's call queue: how waiting calls are routed to agents and how long they wait. */
@Entity
@Table(name = "queue")
public class Queue extends TenantResource {

    public static final String ROUTING_RANDOM = "random";

    public String name;
    public String detail;

    @Column(name = "routing_method")
    public String routingMethod;

    /** JSON array of the agents' tag ids (UUID strings) this queue routes to. */
    @Column(name = "tag_ids", columnDefinition = "TEXT")
    public String tagIdsJson;

    @Column(name = "wait_timeout_ms")
    public long waitTimeoutMs;

    @Column(name = "service_timeout_ms")
    public long serviceTimeoutMs;

    /** Flow run for a call while it waits; null when none. */
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "wait_flow_id", columnDefinition = "BINARY(16)")
    public UUID waitFlowId;
}
