package net.voipbin.billing.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.billing.mapping.BillingAccountMapper;
import net.voipbin.billing.mapping.BillingMapper;
import net.voipbin.billing.service.BillingAccountService;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.billing.v1.Account;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.BalanceForceRequest;
import net.voipbin.proto.billing.v1.Billing;
import net.voipbin.proto.billing.v1.GetBillingRequest;
import net.voipbin.proto.billing.v1.GetCustomerAccountRequest;
import net.voipbin.proto.billing.v1.ListBillingsRequest;
import net.voipbin.proto.billing.v1.ListBillingsResponse;
import net.voipbin.proto.billing.v1.CheckBalanceRequest;
import net.voipbin.proto.billing.v1.CheckBalanceResponse;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.ListAccountsRequest;
import net.voipbin.proto.billing.v1.ListAccountsResponse;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.common.v1.PageResponse;

import java.util.UUID;

/** billing-manager's RPC surface, served on bin-manager.billing-manager.request. */
@GrpcService
public class BillingRpcService extends MutinyBillingServiceGrpc.BillingServiceImplBase {

    private final BillingAccountService accounts;

    public BillingRpcService(BillingAccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Uni<Account> createAccount(CreateAccountRequest request) {
        return Uni.createFrom().deferred(() -> accounts.create(
                        Ids.parse("customer_id", request.getCustomerId()),
                        request.getName(), request.getDetail(), request.getType()))
                .map(BillingAccountMapper::toProto);
    }

    @Override
    public Uni<Account> getAccount(GetAccountRequest request) {
        return Uni.createFrom().deferred(() -> accounts.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(BillingAccountMapper::toProto);
    }

    @Override
    public Uni<ListAccountsResponse> listAccounts(ListAccountsRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            int size = Paging.size(request.getPage());
            return accounts.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListAccountsResponse.newBuilder()
                            .addAllAccounts(rows.stream().limit(size).map(BillingAccountMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, a -> a.id)))
                            .build());
        });
    }

    @Override
    public Uni<Account> addBalance(AddBalanceRequest request) {
        return Uni.createFrom().deferred(() -> accounts.addBalance(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId()),
                        request.getAmountMicros()))
                .map(BillingAccountMapper::toProto);
    }

    @Override
    public Uni<CheckBalanceResponse> checkBalance(CheckBalanceRequest request) {
        return Uni.createFrom().deferred(() -> accounts.check(Ids.parse("customer_id", request.getCustomerId()), request.getBillingType()))
                .map(verdict -> CheckBalanceResponse.newBuilder()
                        .setValid(verdict.valid())
                        .setAccountId(verdict.account() == null ? "" : verdict.account().id.toString())
                        .setReason(verdict.reason())
                        .build());
    }

    @Override
    public Uni<Account> getCustomerAccount(GetCustomerAccountRequest request) {
        return Uni.createFrom().deferred(() -> accounts.getDefault(Ids.parse("customer_id", request.getCustomerId())))
                .map(BillingAccountMapper::toProto);
    }

    @Override
    public Uni<Account> addBalanceForce(BalanceForceRequest request) {
        return Uni.createFrom().deferred(() -> accounts.addBalanceForce(
                        Ids.parseOptional("customer_id", request.getCustomerId()), Ids.parse("id", request.getId()), request.getBalance()))
                .map(BillingAccountMapper::toProto);
    }

    @Override
    public Uni<Account> subtractBalanceForce(BalanceForceRequest request) {
        return Uni.createFrom().deferred(() -> accounts.subtractBalanceForce(
                        Ids.parseOptional("customer_id", request.getCustomerId()), Ids.parse("id", request.getId()), request.getBalance()))
                .map(BillingAccountMapper::toProto);
    }

    @Override
    public Uni<Billing> getBilling(GetBillingRequest request) {
        return Uni.createFrom().deferred(() -> accounts.getBilling(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(BillingMapper::toProto);
    }

    @Override
    public Uni<ListBillingsResponse> listBillings(ListBillingsRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            UUID referenceId = Ids.parseOptional("reference_id", request.getReferenceId());
            int size = Paging.size(request.getPage());
            return accounts.listBillings(customerId, Paging.after(request.getPage()), size + 1, referenceId)
                    .map(rows -> ListBillingsResponse.newBuilder()
                            .addAllBillings(rows.stream().limit(size).map(BillingMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, b -> b.id)))
                            .build());
        });
    }
}
