package net.voipbin.asterisksim.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The simulator's identity and ARI credentials (env: ASTERISK_SIM_ID, ASTERISK_SIM_USERNAME, ...). */
@ConfigMapping(prefix = "asterisk-sim")
public interface SimConfig {

    /** This simulated Asterisk's id: {@code system.entity_id} of /ari/asterisk/info. */
    @WithDefault("sim-1")
    String id();

    /** ARI user (HTTP Basic or {@code ?api_key=user:password}). */
    @WithDefault("asterisk")
    String username();

    @WithDefault("asterisk")
    String password();

    /** If set, finished recordings are also written there as {@code <name>.<format>} (WAV silence). */
    Optional<String> recordingDirectory();
}
