package net.voipbin.storage.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.storage.model.StorageFile;
import net.voipbin.storage.repository.StorageFileRepository;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class StorageFileService {

    public static final Set<String> REFERENCE_TYPES = Set.of(StorageFile.REFERENCE_RECORDING, StorageFile.REFERENCE_NORMAL);

    private final StorageFileRepository files;

    public StorageFileService(StorageFileRepository files) {
        this.files = files;
    }

    /**
     * Records a stored file's metadata. No RPC creates files yet (uploads and recordings come with
     * their issues); this is the entry point they will use.
     */
    @WithTransaction
    public Uni<StorageFile> register(UUID customerId, String referenceType, UUID referenceId, String name,
                                     String filename, long filesize) {
        String type = referenceType == null || referenceType.isBlank() ? StorageFile.REFERENCE_NORMAL : referenceType;
        if (!REFERENCE_TYPES.contains(type)) {
            throw Errors.invalidArgument("reference_type", "must be one of " + REFERENCE_TYPES);
        }
        if (name != null && name.length() > 255) {
            throw Errors.invalidArgument("name", "must be at most 255 characters");
        }
        if (filename != null && filename.length() > 255) {
            throw Errors.invalidArgument("filename", "must be at most 255 characters");
        }
        if (filesize < 0) {
            throw Errors.invalidArgument("filesize", "must not be negative");
        }
        StorageFile file = new StorageFile();
        file.id = Ids.newId();
        file.customerId = customerId;
        file.referenceType = type;
        file.referenceId = referenceId;
        file.name = name == null ? "" : name;
        file.filename = filename == null ? "" : filename;
        file.filesize = filesize;
        file.uriDownload = "";
        file.tmCreate = TimeFormat.now();
        return files.persist(file);
    }

    @WithSession
    public Uni<StorageFile> get(UUID customerId, UUID id) {
        return files.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("file", id));
    }

    @WithSession
    public Uni<List<StorageFile>> list(UUID customerId, UUID after, int limit) {
        return files.listForCustomer(customerId, after, limit);
    }
}
