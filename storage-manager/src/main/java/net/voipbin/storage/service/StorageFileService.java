package net.voipbin.storage.service;

import com.google.protobuf.ByteString;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.storage.files.FileStore;
import net.voipbin.storage.model.StorageFile;
import net.voipbin.storage.repository.StorageFileRepository;
import org.jboss.logging.Logger;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

@ApplicationScoped
public class StorageFileService {

    private static final Logger LOG = Logger.getLogger(StorageFileService.class);

    public static final Set<String> REFERENCE_TYPES = Set.of(StorageFile.REFERENCE_RECORDING, StorageFile.REFERENCE_NORMAL);

    /** Largest content CreateFile takes: what one RabbitMQ message comfortably carries. */
    public static final int MAX_CONTENT_BYTES = 32 * 1024 * 1024;

    private static final int MAX_TEXT = 255;
    /** MariaDB's duplicate-key error. */
    private static final int ER_DUP_ENTRY = 1062;

    private final StorageFileRepository files;
    private final StorageFileEvents events;
    private final FileStore store;
    private final Vertx vertx;

    public StorageFileService(StorageFileRepository files, StorageFileEvents events, FileStore store, Vertx vertx) {
        this.files = files;
        this.events = events;
        this.store = store;
        this.vertx = vertx;
    }

    /**
     * Stores a file's bytes and records it. Idempotent for files with a {@code referenceId}: the same
     * customer + reference id + filename returns the file already stored (also when two such calls
     * race: the loser's insert hits the unique key, its bytes are removed and the winner's row is
     * returned). Without a reference id every call stores a new file.
     *
     * <p>Not transactional itself, on purpose: the bytes are written on a worker thread first, then
     * {@link #insert} records the row and the {@code storage_file_created} event in one transaction,
     * and a duplicate is re-read in a fresh session after that transaction failed. A crash between
     * the write and the commit leaves an orphan file (never a row without its bytes).
     */
    public Uni<StorageFile> create(UUID customerId, String referenceType, UUID referenceId, String name,
                                   String filename, String contentType, ByteString content) {
        return Uni.createFrom().deferred(() -> {
            String type = referenceType(referenceType);
            validateText("name", name);
            validateFilename(filename);
            validateText("content_type", contentType);
            if (content == null || content.isEmpty()) {
                throw Errors.invalidArgument("content", "is required");
            }
            if (content.size() > MAX_CONTENT_BYTES) {
                throw Errors.invalidArgument("content", "must be at most " + MAX_CONTENT_BYTES + " bytes");
            }
            Context context = vertx.getOrCreateContext();
            Uni<StorageFile> existing = referenceId == null
                    ? Uni.createFrom().nullItem()
                    : findByReference(customerId, referenceId, filename);
            return existing.chain(found -> found != null
                    ? Uni.createFrom().item(alreadyStored(found))
                    : store(context, customerId, type, referenceId, name, filename, contentType, content));
        });
    }

    private Uni<StorageFile> store(Context context, UUID customerId, String type, UUID referenceId, String name,
                                   String filename, String contentType, ByteString content) {
        StorageFile file = new StorageFile();
        file.id = Ids.newId();
        file.customerId = customerId;
        file.referenceType = type;
        file.referenceId = referenceId;
        file.name = name == null ? "" : name;
        file.filename = filename;
        file.filesize = content.size();
        file.contentType = contentType == null ? "" : contentType;
        // Downloads are api-manager's later issue (authenticated, signed); until then the bytes' location.
        file.uriDownload = "storage://" + customerId + "/" + file.id;
        return blocking(context, () -> store.write(customerId, file.id, content))
                .chain(sha256 -> {
                    file.sha256 = sha256;
                    file.tmCreate = TimeFormat.now();
                    return insert(file);
                })
                // A duplicate key rolled our row back for sure: drop our bytes, return the winner's file.
                // Other failures keep the bytes (the commit may have happened after all).
                .onFailure(StorageFileService::isDuplicateKey).call(duplicate -> removeBytes(context, file))
                .onFailure(StorageFileService::isDuplicateKey).recoverWithUni(duplicate -> referenceId == null
                        ? Uni.createFrom().failure(duplicate)
                        : findByReference(customerId, referenceId, filename)
                                .onItem().ifNull().failWith(() -> duplicate)
                                .map(this::alreadyStored));
    }

    /** Records a file whose bytes are stored, with its event, in one transaction. */
    @WithTransaction
    public Uni<StorageFile> insert(StorageFile file) {
        // Flushed here, so a duplicate key fails this call (and no event is written for it).
        return files.persistAndFlush(file).call(stored -> events.publish(StorageFileEvents.CREATED, stored));
    }

    @WithSession
    public Uni<StorageFile> findByReference(UUID customerId, UUID referenceId, String filename) {
        return files.findByReference(customerId, referenceId, filename);
    }

    private StorageFile alreadyStored(StorageFile file) {
        if (file.tmDelete != null) {
            throw Errors.failedPrecondition("file " + file.id + " with this reference_id and filename was deleted");
        }
        return file;
    }

    /** Best effort: the bytes of a file whose row was not written; never replaces the original failure. */
    private Uni<Void> removeBytes(Context context, StorageFile file) {
        return blocking(context, () -> store.delete(file.customerId, file.id))
                .onFailure().invoke(e -> LOG.warnf(e, "could not remove orphan bytes of file %s", file.id))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs blocking work on a worker thread and continues on {@code context} (where Hibernate Reactive must run). */
    private static <T> Uni<T> blocking(Context context, Callable<T> work) {
        return Uni.createFrom().completionStage(() -> context.executeBlocking(work, false).toCompletionStage());
    }

    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseException db && db.getErrorCode() == ER_DUP_ENTRY) {
                return true;
            }
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Records a stored file's metadata without bytes (what the tests and the recording issue used
     * before CreateFile existed).
     */
    @WithTransaction
    public Uni<StorageFile> register(UUID customerId, String referenceType, UUID referenceId, String name,
                                     String filename, long filesize) {
        String type = referenceType(referenceType);
        validateText("name", name);
        validateText("filename", filename);
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
        file.contentType = "";
        file.sha256 = "";
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

    private static String referenceType(String referenceType) {
        String type = referenceType == null || referenceType.isBlank() ? StorageFile.REFERENCE_NORMAL : referenceType;
        if (!REFERENCE_TYPES.contains(type)) {
            throw Errors.invalidArgument("reference_type", "must be one of " + REFERENCE_TYPES);
        }
        return type;
    }

    private static void validateText(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw Errors.invalidArgument(field, "must be at most " + MAX_TEXT + " characters");
        }
    }

    /** A name to show, never a path: the bytes are kept under the file's id. */
    private static void validateFilename(String filename) {
        if (filename == null || filename.isBlank()) {
            throw Errors.invalidArgument("filename", "is required");
        }
        validateText("filename", filename);
        if (filename.contains("/") || filename.contains("\\") || filename.contains("..")) {
            throw Errors.invalidArgument("filename", "must not contain '/', '\\' or '..'");
        }
        if (filename.chars().anyMatch(Character::isISOControl)) {
            throw Errors.invalidArgument("filename", "must not contain control characters");
        }
    }
}
