package net.voipbin.billing.mapping;

import net.voipbin.billing.model.BillingAccount;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.billing.v1.Account;

public final class BillingAccountMapper {

    private BillingAccountMapper() {
    }

    public static Account toProto(BillingAccount account) {
        return Account.newBuilder()
                .setId(Ids.format(account.id))
                .setCustomerId(Ids.format(account.customerId))
                .setName(account.name)
                .setDetail(account.detail)
                .setType(account.type)
                .setStatus(account.status)
                .setPlanType(account.planType)
                .setPlanStatus(account.planStatus)
                .setBalanceCredit(account.balanceCredit)
                .setBalanceToken(account.balanceToken)
                .setPaymentType(account.paymentType)
                .setPaymentMethod(account.paymentMethod)
                .setTmLastTopup(TimeFormat.format(account.tmLastTopup))
                .setTmNextTopup(TimeFormat.format(account.tmNextTopup))
                .setTmCreate(TimeFormat.format(account.tmCreate))
                .setTmUpdate(TimeFormat.format(account.tmUpdate))
                .setTmDelete(TimeFormat.format(account.tmDelete))
                .build();
    }
}
