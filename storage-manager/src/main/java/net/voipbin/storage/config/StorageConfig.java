package net.voipbin.storage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** storage-manager settings ({@code voipbin.storage.*}). */
@ConfigMapping(prefix = "voipbin.storage")
public interface StorageConfig {

    /**
     * Where file bytes are kept, as {@code <customer_id>/<file id>} (env {@code VOIPBIN_STORAGE_DIRECTORY}).
     * The default under the system temp directory is for development only: production must point it
     * at a persistent volume shared by every replica.
     */
    @WithDefault("${java.io.tmpdir}/voipbin-storage")
    Path directory();
}
