package net.voipbin.billing.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * An answered call that is still up and the part of its account's balance it holds: one started
 * minute at a time, reserved before the minute begins ({@code id} is the call's id). What the account's
 * other calls may spend is its balance minus the reservations of all its live calls, so two calls never
 * both count on the same money. Deleted when the call is charged; never read by anyone but billing.
 */
@Entity
@Table(name = "billing_live_call")
public class LiveCall extends TenantResource {

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "account_id", columnDefinition = "BINARY(16)")
    public UUID accountId;

    @Column(name = "cost_type")
    public String costType;

    @Column(name = "tm_progressing")
    public Instant tmProgressing;

    @Column(name = "minutes_reserved")
    public long minutesReserved;

    @Column(name = "tokens_reserved")
    public long tokensReserved;

    @Column(name = "credit_reserved")
    public long creditReserved;

    /** Set once the next minute could not be paid: the hangup was asked for, nothing more is reserved. */
    @Column(name = "tm_cutoff")
    public Instant tmCutoff;
}
