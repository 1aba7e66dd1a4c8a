package net.voipbin.common.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a production process (Quarkus' normal launch mode) that any {@link StartupSafetyCheck} finds
 * unsafe: our defaults are public, so a deployment that kept one is open to anyone who read them. Dev and test modes
 * are exempt, and so is a process started with {@code VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS=true}, which the
 * local suite scripts and e2e set: they run against a development machine's guest/root services.
 */
@ApplicationScoped
public class ProductionSafety {

    private static final Logger LOG = Logger.getLogger(ProductionSafety.class);

    private final Instance<StartupSafetyCheck> checks;
    private final boolean allowDefaults;

    public ProductionSafety(Instance<StartupSafetyCheck> checks, SecurityConfig config) {
        this.checks = checks;
        this.allowDefaults = config.allowDefaultCredentials();
    }

    // Before anything connects or listens: the broker connection and the consumers start at later priorities.
    void onStart(@Observes @Priority(1) StartupEvent event) {
        List<String> problems = problems();
        if (problems.isEmpty()) {
            return;
        }
        String text = String.join("; ", problems);
        if (LaunchMode.current() != LaunchMode.NORMAL || allowDefaults) {
            LOG.warnf("running with development defaults (refused in production): %s", text);
            return;
        }
        throw new IllegalStateException("refusing to start in production: " + text
                + ". (On a development machine only, VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS=true accepts them.)");
    }

    List<String> problems() {
        List<String> all = new ArrayList<>();
        checks.forEach(check -> all.addAll(check.problems()));
        return all;
    }
}
