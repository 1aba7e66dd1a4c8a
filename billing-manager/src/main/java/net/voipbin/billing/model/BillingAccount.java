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
 * A customer's billing account. {@code balanceCredit} (micros) and {@code balanceToken} only ever
 * change together with a ledger row ({@link Billing}) in the same transaction, under this row's lock.
 */
@Entity
@Table(name = "billing_account")
public class BillingAccount extends TenantResource {

    public static final String TYPE_NORMAL = "normal";
    public static final String TYPE_ADMIN = "admin";

    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_FROZEN = "frozen";
    public static final String STATUS_DELETED = "deleted";

    public static final String PLAN_FREE = "free";
    public static final String PLAN_UNLIMITED = "unlimited";

    public String name;
    public String detail;
    public String type;
    public String status = STATUS_ACTIVE;

    @Column(name = "plan_type")
    public String planType = PLAN_FREE;

    @Column(name = "plan_status")
    public String planStatus = "active";

    @Column(name = "balance_credit")
    public long balanceCredit;

    @Column(name = "balance_token")
    public long balanceToken;

    @Column(name = "payment_type")
    public String paymentType = "";

    @Column(name = "payment_method")
    public String paymentMethod = "";

    /** The customer's id on its default account, null on any other: unique, so one default each. */
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "default_for", columnDefinition = "BINARY(16)")
    public UUID defaultFor;

    @Column(name = "tm_last_topup")
    public Instant tmLastTopup;

    @Column(name = "tm_next_topup")
    public Instant tmNextTopup;

    public boolean isUsable() {
        return tmDelete == null && STATUS_ACTIVE.equals(status);
    }
}
