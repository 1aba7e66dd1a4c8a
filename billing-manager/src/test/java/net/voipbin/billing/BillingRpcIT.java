package net.voipbin.billing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.proto.billing.v1.Account;
import net.voipbin.proto.billing.v1.AddBalanceRequest;
import net.voipbin.proto.billing.v1.CheckBalanceRequest;
import net.voipbin.proto.billing.v1.CreateAccountRequest;
import net.voipbin.proto.billing.v1.GetAccountRequest;
import net.voipbin.proto.billing.v1.ListAccountsRequest;
import net.voipbin.proto.billing.v1.ListAccountsResponse;
import net.voipbin.proto.billing.v1.MutinyBillingServiceGrpc;
import net.voipbin.proto.common.v1.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** billing-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class BillingRpcIT extends RpcServiceTestBase {

    MutinyBillingServiceGrpc.MutinyBillingServiceStub billing;

    @BeforeEach
    void connect() {
        billing = MutinyBillingServiceGrpc.newMutinyStub(channel("billing-manager"));
    }

    @Test
    void createThenReadBackThroughTheBroker() {
        String customer = Ids.newId().toString();
        Account created = await(billing.createAccount(CreateAccountRequest.newBuilder()
                .setCustomerId(customer).setName("main").setDetail("first account").build()));
        assertEquals("normal", created.getType());
        assertTrue(created.getTmCreate().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), created.getTmCreate());
        assertEquals("", created.getTmDelete());

        Account credited = await(billing.addBalance(AddBalanceRequest.newBuilder()
                .setCustomerId(customer).setId(created.getId()).setAmountMicros(2_500_000).build()));
        assertEquals(2_500_000, credited.getBalanceCredit());

        Account read = await(billing.getAccount(GetAccountRequest.newBuilder()
                .setCustomerId(customer).setId(created.getId()).build()));
        assertEquals(created.getId(), read.getId());
        assertEquals(customer, read.getCustomerId());
        assertEquals("main", read.getName());
        assertEquals(2_500_000, read.getBalanceCredit());
        assertEquals(created.getTmCreate(), read.getTmCreate());
    }

    @Test
    void balanceCheckNeedsAPositiveOrAdminAccountOfThatCustomer() {
        String customer = Ids.newId().toString();
        CheckBalanceRequest check = CheckBalanceRequest.newBuilder().setCustomerId(customer).setBillingType("call").setCountry("us").build();
        assertEquals(false, await(billing.checkBalance(check)).getValid(), "no account at all");
        Account empty = await(billing.createAccount(CreateAccountRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals(false, await(billing.checkBalance(check)).getValid(), "zero balance");
        await(billing.addBalance(AddBalanceRequest.newBuilder().setCustomerId(customer).setId(empty.getId()).setAmountMicros(1).build()));
        assertEquals(empty.getId(), await(billing.checkBalance(check)).getAccountId());
        Account admin = await(billing.createAccount(CreateAccountRequest.newBuilder().setCustomerId(customer).setType("admin").build()));
        assertEquals(admin.getId(), await(billing.checkBalance(check)).getAccountId(), "admin accounts are never charged, so they win");
        String other = Ids.newId().toString();
        assertEquals(false, await(billing.checkBalance(check.toBuilder().setCustomerId(other).build())).getValid(),
                "another customer's money does not count");
    }

    @Test
    void concurrentCreditsAllCount() {
        String customer = Ids.newId().toString();
        Account account = await(billing.createAccount(CreateAccountRequest.newBuilder().setCustomerId(customer).build()));
        List<Uni<Account>> credits = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            credits.add(billing.addBalance(AddBalanceRequest.newBuilder()
                    .setCustomerId(customer).setId(account.getId()).setAmountMicros(10).build()));
        }
        await(Uni.join().all(credits).andFailFast());
        assertEquals(640, await(billing.getAccount(GetAccountRequest.newBuilder()
                .setCustomerId(customer).setId(account.getId()).build())).getBalanceCredit());
    }

    @Test
    void anotherCustomerCannotSeeOrTouchTheAccount() {
        String owner = Ids.newId().toString();
        String intruder = Ids.newId().toString();
        Account account = await(billing.createAccount(CreateAccountRequest.newBuilder().setCustomerId(owner).build()));

        StatusRuntimeException read = assertThrows(StatusRuntimeException.class, () -> await(billing.getAccount(
                GetAccountRequest.newBuilder().setCustomerId(intruder).setId(account.getId()).build())));
        assertEquals(Status.Code.NOT_FOUND, read.getStatus().getCode());

        StatusRuntimeException write = assertThrows(StatusRuntimeException.class, () -> await(billing.addBalance(
                AddBalanceRequest.newBuilder().setCustomerId(intruder).setId(account.getId()).setAmountMicros(1).build())));
        assertEquals(Status.Code.NOT_FOUND, write.getStatus().getCode());

        ListAccountsResponse intruderList = await(billing.listAccounts(
                ListAccountsRequest.newBuilder().setCustomerId(intruder).build()));
        assertEquals(0, intruderList.getAccountsCount());
        assertEquals(0, await(billing.getAccount(GetAccountRequest.newBuilder()
                .setCustomerId(owner).setId(account.getId()).build())).getBalanceCredit());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        StatusRuntimeException noCustomer = assertThrows(StatusRuntimeException.class,
                () -> await(billing.createAccount(CreateAccountRequest.newBuilder().build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, noCustomer.getStatus().getCode());
        assertTrue(noCustomer.getStatus().getDescription().startsWith("customer_id:"));

        StatusRuntimeException badType = assertThrows(StatusRuntimeException.class,
                () -> await(billing.createAccount(CreateAccountRequest.newBuilder()
                        .setCustomerId(Ids.newId().toString()).setType("gold").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, badType.getStatus().getCode());
        assertTrue(badType.getStatus().getDescription().startsWith("type:"));

        StatusRuntimeException badId = assertThrows(StatusRuntimeException.class,
                () -> await(billing.getAccount(GetAccountRequest.newBuilder()
                        .setCustomerId(Ids.newId().toString()).setId("not-a-uuid").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, badId.getStatus().getCode());
        assertTrue(badId.getStatus().getDescription().startsWith("id:"));
    }

    @Test
    void listPagesNewestFirstWithoutGapsOrRepeats() {
        String customer = Ids.newId().toString();
        for (int i = 0; i < 5; i++) {
            await(billing.createAccount(CreateAccountRequest.newBuilder().setCustomerId(customer).setName("a" + i).build()));
        }
        List<List<String>> pages = walkPages(
                token -> await(billing.listAccounts(ListAccountsRequest.newBuilder()
                        .setCustomerId(customer).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build())),
                page -> page.getAccountsList().stream().map(Account::getId).toList(),
                page -> page.getPage().getNextPageToken());
        assertEquals(5, pages.stream().mapToInt(List::size).sum());
        assertEquals(3, pages.size());
        ListAccountsResponse first = await(billing.listAccounts(ListAccountsRequest.newBuilder().setCustomerId(customer).build()));
        assertEquals("a4", first.getAccounts(0).getName());
    }

    @Test
    void startsMigratesAndReportsReady() {
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> await(billing.getAccount(
                GetAccountRequest.newBuilder().setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
        assertOperable("voipbin.billing.v1.BillingService/GetAccount", "NOT_FOUND");
    }
}
