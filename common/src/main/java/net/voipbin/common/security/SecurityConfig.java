package net.voipbin.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Start-up safety (env: VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS). */
@ConfigMapping(prefix = "voipbin.security")
public interface SecurityConfig {

    /** Accept the shipped defaults in production mode: development machines only (scripts, e2e, benchmarks). */
    @WithDefault("false")
    boolean allowDefaultCredentials();
}
