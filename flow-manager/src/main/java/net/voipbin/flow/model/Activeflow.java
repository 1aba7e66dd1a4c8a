package net.voipbin.flow.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/** One running flow (per call or API run) with the whole engine state, so any replica can step it. */
@Entity
@Table(name = "activeflow")
public class Activeflow extends TenantResource {

    public static final String STATUS_RUNNING = "running";
    public static final String STATUS_ENDED = "ended";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "flow_id", columnDefinition = "BINARY(16)")
    public UUID flowId;

    public String status;

    @Column(name = "reference_type")
    public String referenceType;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_id", columnDefinition = "BINARY(16)")
    public UUID referenceId;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_activeflow_id", columnDefinition = "BINARY(16)")
    public UUID referenceActiveflowId;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "on_complete_flow_id", columnDefinition = "BINARY(16)")
    public UUID onCompleteFlowId;

    /** JSON object stack id -> {id, actions, return_stack_id, return_action_id}. */
    @Column(name = "stack_map", columnDefinition = "MEDIUMTEXT")
    public String stackMap;

    @Column(name = "current_stack_id")
    public String currentStackId;

    /** JSON of the current action, options substituted. */
    @Column(name = "current_action", columnDefinition = "TEXT")
    public String currentAction;

    @Column(name = "forward_stack_id")
    public String forwardStackId;

    @Column(name = "forward_action_id")
    public String forwardActionId;

    /** current_action_id of the last NextAction that stepped: a retry of it gets the same answer. */
    @Column(name = "last_request_action_id")
    public String lastRequestActionId;

    @Column(name = "execute_count")
    public int executeCount;

    /** HTTP actions run so far (fetch, fetch_flow, webhook_send), against flow.engine.max-http-actions. */
    @Column(name = "http_action_count")
    public int httpActionCount;

    /** JSON array of the previous current actions (the last 100). */
    @Column(name = "executed_actions", columnDefinition = "MEDIUMTEXT")
    public String executedActions;
}
