package net.voipbin.flow.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;

/** A customer's flow: a named list of actions, kept as the public JSON array it was given as. */
@Entity
@Table(name = "flow")
public class Flow extends TenantResource {

    public static final String TYPE_FLOW = "flow";

    public String type;
    public String name;
    public String detail;

    /** JSON array of action objects, each with a non-empty string "type". */
    @Column(name = "actions", columnDefinition = "MEDIUMTEXT")
    public String actionsJson;

    public boolean persist;
}
