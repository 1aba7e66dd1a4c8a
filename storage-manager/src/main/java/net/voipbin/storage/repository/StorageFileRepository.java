package net.voipbin.storage.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.storage.model.StorageFile;

import java.util.UUID;

/** Every query names the tenant: a file is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class StorageFileRepository implements TenantRepository<StorageFile> {

    /**
     * The file stored under CreateFile's idempotency key (unique key uk_storage_file_reference),
     * deleted or not: the key stays taken after a soft delete.
     */
    public Uni<StorageFile> findByReference(UUID customerId, UUID referenceId, String filename) {
        return find("customerId = ?1 and referenceId = ?2 and filename = ?3", customerId, referenceId, filename)
                .firstResult();
    }
}
