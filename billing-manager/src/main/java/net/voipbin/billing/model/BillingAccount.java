package net.voipbin.billing.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;

/** A customer's billing account; the balance is kept in micros of the account currency. */
@Entity
@Table(name = "billing_account")
public class BillingAccount extends TenantResource {

    public static final String TYPE_NORMAL = "normal";
    public static final String TYPE_ADMIN = "admin";

    public String name;
    public String detail;
    public String type;

    @Column(name = "balance_micros")
    public long balanceMicros;
}
