package net.voipbin.api.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A signup waiting for its email address to be verified: what the customer will be, and the SHA-256 of the
 * token mailed to the address. No customer exists (and no key is issued) until the token comes back.
 */
@Entity
@Table(name = "signup_pending")
public class PendingSignup extends PanacheEntityBase {

    @Id
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(columnDefinition = "BINARY(16)")
    public UUID id;

    @Column(name = "token_hash")
    public String tokenHash;

    public String email;
    public String name = "";
    public String detail = "";

    @Column(name = "phone_number")
    public String phoneNumber = "";

    public String address = "";

    @Column(name = "webhook_method")
    public String webhookMethod = "";

    @Column(name = "webhook_uri")
    public String webhookUri = "";

    @Column(name = "tm_create")
    public Instant tmCreate;

    @Column(name = "tm_expire")
    public Instant tmExpire;
}
