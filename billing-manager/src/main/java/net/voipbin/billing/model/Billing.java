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
 * One ledger entry. Written once with its final amounts and never updated: the account's balances
 * are the sums of {@code amountCredit} / {@code amountToken} over its rows. Unique on
 * (reference_type, reference_id), so the same call is charged at most once.
 */
@Entity
@Table(name = "billing_billing")
public class Billing extends TenantResource {

    public static final String TRANSACTION_USAGE = "usage";
    public static final String TRANSACTION_TOP_UP = "top_up";
    public static final String TRANSACTION_ADJUSTMENT = "adjustment";
    public static final String STATUS_END = "end";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "account_id", columnDefinition = "BINARY(16)")
    public UUID accountId;

    @Column(name = "transaction_type")
    public String transactionType;

    public String status = STATUS_END;

    @Column(name = "reference_type")
    public String referenceType;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_id", columnDefinition = "BINARY(16)")
    public UUID referenceId;

    @Column(name = "cost_type")
    public String costType = "";

    @Column(name = "usage_duration")
    public long usageDuration;

    @Column(name = "billable_units")
    public long billableUnits;

    @Column(name = "rate_token_per_unit")
    public long rateTokenPerUnit;

    @Column(name = "rate_credit_per_unit")
    public long rateCreditPerUnit;

    @Column(name = "amount_token")
    public long amountToken;

    @Column(name = "amount_credit")
    public long amountCredit;

    @Column(name = "balance_token_snapshot")
    public long balanceTokenSnapshot;

    @Column(name = "balance_credit_snapshot")
    public long balanceCreditSnapshot;

    @Column(name = "tm_billing_start")
    public Instant tmBillingStart;

    @Column(name = "tm_billing_end")
    public Instant tmBillingEnd;
}
