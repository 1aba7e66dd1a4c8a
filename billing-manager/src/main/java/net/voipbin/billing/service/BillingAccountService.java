package net.voipbin.billing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.billing.repository.BillingAccountRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class BillingAccountService {

    private static final Set<String> TYPES = Set.of(BillingAccount.TYPE_NORMAL, BillingAccount.TYPE_ADMIN);

    private final BillingAccountRepository accounts;

    public BillingAccountService(BillingAccountRepository accounts) {
        this.accounts = accounts;
    }

    @WithTransaction
    public Uni<BillingAccount> create(UUID customerId, String name, String detail, String type) {
        String accountType = type == null || type.isBlank() ? BillingAccount.TYPE_NORMAL : type;
        if (!TYPES.contains(accountType)) {
            throw Errors.invalidArgument("type", "must be one of " + TYPES);
        }
        if (name != null && name.length() > 255) {
            throw Errors.invalidArgument("name", "must be at most 255 characters");
        }
        BillingAccount account = new BillingAccount();
        account.id = Ids.newId();
        account.customerId = customerId;
        account.name = name == null ? "" : name;
        account.detail = detail == null ? "" : detail;
        account.type = accountType;
        account.tmCreate = TimeFormat.now();
        return accounts.persist(account);
    }

    @WithSession
    public Uni<BillingAccount> get(UUID customerId, UUID id) {
        return accounts.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("billing account", id));
    }

    @WithSession
    public Uni<List<BillingAccount>> list(UUID customerId, UUID after, int limit) {
        return accounts.listForCustomer(customerId, after, limit);
    }

    @WithTransaction
    public Uni<BillingAccount> addBalance(UUID customerId, UUID id, long amountMicros) {
        if (amountMicros <= 0) {
            throw Errors.invalidArgument("amount_micros", "must be positive");
        }
        // Locked: concurrent credits on one account must add up, not overwrite each other.
        return accounts.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("billing account", id))
                .invoke(account -> {
                    account.balanceMicros = Math.addExact(account.balanceMicros, amountMicros);
                    account.tmUpdate = TimeFormat.now();
                });
    }

    /**
     * The account a billable start would be charged to: an admin account (never charged) first,
     * else the normal account with the largest positive balance; null when there is none.
     */
    @WithSession
    public Uni<BillingAccount> chargeableAccount(UUID customerId) {
        return accounts.find("customerId = ?1 and tmDelete is null and (type = ?2 or balanceMicros > 0) "
                        + "order by case when type = ?2 then 0 else 1 end, balanceMicros desc",
                        customerId, BillingAccount.TYPE_ADMIN)
                .firstResult();
    }
}
