package net.voipbin.transfer.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.transfer.model.Transfer;

import java.util.UUID;

/** Every query names the tenant: a transfer is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class TransferRepository implements PanacheRepositoryBase<Transfer, UUID> {

    public Uni<Transfer> findForCustomer(UUID customerId, UUID id) {
        return find("id = ?1 and customerId = ?2 and tmDelete is null", id, customerId).firstResult();
    }
}
