package net.voipbin.billing.mapping;

import net.voipbin.billing.model.Billing;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

public final class BillingMapper {

    private BillingMapper() {
    }

    public static net.voipbin.proto.billing.v1.Billing toProto(Billing b) {
        return net.voipbin.proto.billing.v1.Billing.newBuilder()
                .setId(Ids.format(b.id))
                .setCustomerId(Ids.format(b.customerId))
                .setAccountId(Ids.format(b.accountId))
                .setTransactionType(b.transactionType)
                .setStatus(b.status)
                .setReferenceType(b.referenceType)
                .setReferenceId(Ids.format(b.referenceId))
                .setCostType(b.costType)
                .setUsageDuration(b.usageDuration)
                .setBillableUnits(b.billableUnits)
                .setRateTokenPerUnit(b.rateTokenPerUnit)
                .setRateCreditPerUnit(b.rateCreditPerUnit)
                .setAmountToken(b.amountToken)
                .setAmountCredit(b.amountCredit)
                .setBalanceTokenSnapshot(b.balanceTokenSnapshot)
                .setBalanceCreditSnapshot(b.balanceCreditSnapshot)
                // The row id: unique per entry, and what a client retrying a read can key on.
                .setIdempotencyKey(Ids.format(b.id))
                .setTmBillingStart(TimeFormat.format(b.tmBillingStart))
                .setTmBillingEnd(TimeFormat.format(b.tmBillingEnd))
                .setTmCreate(TimeFormat.format(b.tmCreate))
                .setTmUpdate(TimeFormat.format(b.tmUpdate))
                .setTmDelete(TimeFormat.format(b.tmDelete))
                .build();
    }
}
