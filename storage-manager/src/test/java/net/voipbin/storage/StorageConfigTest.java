package net.voipbin.storage;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import net.voipbin.storage.config.StorageConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default storage directory expands to the system temp directory (as in Quarkus, with expression expansion). */
class StorageConfigTest {

    @Test
    void defaultDirectoryIsUnderTheTempDirectory() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addSystemSources().withMapping(StorageConfig.class).build();
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "voipbin-storage"),
                config.getConfigMapping(StorageConfig.class).directory());
    }
}
