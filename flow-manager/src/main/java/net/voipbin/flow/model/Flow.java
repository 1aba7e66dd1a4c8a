package net.voipbin.flow.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/**
 * A customer's flow: a named list of actions, kept as the validated public JSON array (every
 * action has an id). Temporary flows ({@code persist=false}, built from inline actions) are stored
 * too but never listed, and are deleted when their activeflow ends.
 */
@Entity
@Table(name = "flow")
public class Flow extends TenantResource {

    public static final String TYPE_FLOW = "flow";

    public String type;
    public String name;
    public String detail;

    /** JSON array of action objects {id, next_id?, type, option}. */
    @Column(name = "actions", columnDefinition = "MEDIUMTEXT")
    public String actionsJson;

    public boolean persist;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "on_complete_flow_id", columnDefinition = "BINARY(16)")
    public UUID onCompleteFlowId;
}
