package net.voipbin.storage.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.storage.model.StorageFile;

/** Every query names the tenant: a file is only ever found through its customer. */
@ApplicationScoped
@WithSession
public class StorageFileRepository implements TenantRepository<StorageFile> {
}
