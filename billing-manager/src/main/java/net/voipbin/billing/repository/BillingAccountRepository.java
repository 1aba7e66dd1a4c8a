package net.voipbin.billing.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.billing.model.BillingAccount;
import net.voipbin.common.db.TenantRepository;

/** Every query names the tenant: an account is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class BillingAccountRepository implements TenantRepository<BillingAccount> {
}
