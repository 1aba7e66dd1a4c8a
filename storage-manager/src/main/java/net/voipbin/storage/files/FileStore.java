package net.voipbin.storage.files;

import com.google.protobuf.ByteString;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import net.voipbin.storage.config.StorageConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The files' bytes on disk, under {@code voipbin.storage.directory} as {@code <customer_id>/<file id>}.
 * Every method here blocks: call them on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class FileStore {

    private static final Logger LOG = Logger.getLogger(FileStore.class);

    private final Path root;

    public FileStore(StorageConfig config) {
        this.root = config.directory().toAbsolutePath().normalize();
    }

    /** Fails the start when the directory cannot be created: better than failing every CreateFile. */
    void onStart(@Observes StartupEvent event) throws IOException {
        Files.createDirectories(root);
        if (!Files.isWritable(root)) {
            throw new IOException("storage directory is not writable: " + root);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (LaunchMode.current() == LaunchMode.NORMAL && root.startsWith(tmp)) {
            LOG.warnf("files are stored under the temp directory %s; set VOIPBIN_STORAGE_DIRECTORY to a persistent volume", root);
        } else {
            LOG.infof("files are stored under %s", root);
        }
    }

    public Path root() {
        return root;
    }

    /** Where file {@code id} of {@code customerId} is kept (both are parsed UUIDs: no path tricks). */
    public Path path(UUID customerId, UUID id) {
        return root.resolve(customerId.toString()).resolve(id.toString());
    }

    /**
     * Writes {@code content} as file {@code id}: to a temp file in the same directory, synced, then
     * renamed atomically, so a crash never leaves a partial file under the final name. Returns the
     * content's SHA-256 (hex).
     */
    public String write(UUID customerId, UUID id, ByteString content) {
        Path target = path(customerId, id);
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + id + ".", ".part");
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                ByteBuffer bytes = content.asReadOnlyByteBuffer();
                sha256.update(bytes.duplicate());
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    out.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(dir);
                return HexFormat.of().formatHex(sha256.digest());
            } catch (IOException | RuntimeException | NoSuchAlgorithmException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " failed", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes file {@code id}'s bytes if present; true when something was removed. */
    public boolean delete(UUID customerId, UUID id) {
        try {
            return Files.deleteIfExists(path(customerId, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the rename durable (Linux); best effort where directories cannot be opened. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("cannot sync directory %s: %s", dir, e.getMessage());
        }
    }
}
