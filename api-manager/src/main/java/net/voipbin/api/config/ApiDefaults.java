package net.voipbin.api.config;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.auth.Secrets;
import net.voipbin.common.security.StartupSafetyCheck;

import java.util.ArrayList;
import java.util.List;

/**
 * api-manager's published defaults and development relaxations: the development JWT key, the bootstrap users'
 * passwords, a bcrypt cost below 12, a login cookie without {@code Secure}.
 */
@ApplicationScoped
public class ApiDefaults implements StartupSafetyCheck {

    static final String DEVELOPMENT_KEY_PREFIX = "voipbin-development-";

    private final ApiConfig config;

    public ApiDefaults(ApiConfig config) {
        this.config = config;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (config.jwt().key().startsWith(DEVELOPMENT_KEY_PREFIX)) {
            problems.add("the JWT key is the development key (set VOIPBIN_API_JWT_KEY to a secret of at least 32 bytes)");
        }
        ApiConfig.Bootstrap bootstrap = config.bootstrap();
        if (bootstrap.enabled()) {
            if ("admin-password".equals(bootstrap.superadminPassword())) {
                problems.add("the bootstrap superadmin password is the default (set VOIPBIN_API_BOOTSTRAP_SUPERADMIN_PASSWORD)");
            }
            if ("demo-password".equals(bootstrap.demoPassword())) {
                problems.add("the bootstrap demo password is the default (set VOIPBIN_API_BOOTSTRAP_DEMO_PASSWORD,"
                        + " or VOIPBIN_API_BOOTSTRAP_ENABLED=false)");
            }
        }
        if (config.password().bcryptCost() < Secrets.MIN_PRODUCTION_BCRYPT_COST) {
            problems.add("the bcrypt cost is " + config.password().bcryptCost() + ", below "
                    + Secrets.MIN_PRODUCTION_BCRYPT_COST + " (unset VOIPBIN_API_PASSWORD_BCRYPT_COST)");
        }
        if (!config.cookie().secure()) {
            problems.add("the login cookie is not Secure (unset VOIPBIN_API_COOKIE_SECURE; serve the API over HTTPS)");
        }
        return problems;
    }
}
