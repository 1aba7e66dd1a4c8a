package net.voipbin.api.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;

/** A login identity of a customer (username + bcrypt password hash + permission bitmask). */
@Entity
@Table(name = "agent")
public class Agent extends TenantResource {

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    public String name = "";
    public String detail = "";

    @Column(name = "ring_method")
    public String ringMethod = "ringall";

    public String status = "offline";

    public long permission;
}
