package net.voipbin.transfer.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.transfer.model.Transfer;

/** Every query names the tenant: a transfer is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class TransferRepository implements TenantRepository<Transfer> {
}
