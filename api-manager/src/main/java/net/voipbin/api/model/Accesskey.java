package net.voipbin.api.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import net.voipbin.common.db.TenantResource;

import java.time.Instant;

/** An API access key; only the SHA-256 of its secret is stored. */
@Entity
@Table(name = "accesskey")
public class Accesskey extends TenantResource {

    public String name = "";
    public String detail = "";

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "token_prefix")
    public String tokenPrefix;

    @Column(name = "tm_expire")
    public Instant tmExpire;

    /** The raw secret, only in memory right after creation. */
    @Transient
    public String rawToken;
}
