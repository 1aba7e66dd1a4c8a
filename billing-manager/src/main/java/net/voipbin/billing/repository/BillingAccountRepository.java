package net.voipbin.billing.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.common.db.TenantRepository;

import java.util.UUID;

/** Every query names the tenant: an account is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class BillingAccountRepository implements TenantRepository<BillingAccount> {

    /** The customer's default account (the one calls are charged to), deleted or not. */
    public Uni<BillingAccount> findDefault(UUID customerId) {
        return find("defaultFor = ?1 and customerId = ?1", customerId).firstResult();
    }

    /**
     * The default account locked for update. Lock order (documented once, here): the account row is
     * the first and only row a billing transaction locks; ledger rows are only inserted after it, so
     * two transactions of one customer queue on this lock and never deadlock.
     */
    public Uni<BillingAccount> lockDefault(UUID customerId) {
        return find("defaultFor = ?1 and customerId = ?1", customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Any account by id, locked (timers know the account, not the customer). */
    public Uni<BillingAccount> lockById(UUID id) {
        return find("id = ?1", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
