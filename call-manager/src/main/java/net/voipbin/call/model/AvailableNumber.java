package net.voipbin.call.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

import java.time.Instant;

/**
 * A normal number of the operator's inventory (openapi NumberManagerAvailableNumber). Not a tenant
 * resource: the operator owns the inventory; a customer owns a number once it bought it (a live
 * {@link Number} row with the same E.164), and deleting that row makes it available again.
 */
@Entity
@Table(name = "available_number")
public class AvailableNumber extends PanacheEntityBase {

    @Id
    @Column(name = "`number`")
    public String number;

    /** ISO 3166 alpha-2, upper case, as libphonenumber names the number's region. */
    public String country;

    public String region = "";

    @Column(name = "postal_code")
    public String postalCode = "";

    /** Comma-separated: emergency, fax, mms, sms, voice. */
    public String features = "voice";

    @Column(name = "tm_create")
    public Instant tmCreate;
}
