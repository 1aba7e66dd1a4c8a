package net.voipbin.asteriskproxy.config;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.security.StartupSafetyCheck;

import java.util.List;

/**
 * The ARI password shipped in deploy/asterisk/ari.conf and as this proxy's default ({@code asterisk}): whoever
 * reaches an Asterisk's HTTP port with it controls every call there, so production refuses it.
 */
@ApplicationScoped
public class AriDefaults implements StartupSafetyCheck {

    static final String SHIPPED_PASSWORD = "asterisk";

    private final AsteriskProxyConfig config;

    public AriDefaults(AsteriskProxyConfig config) {
        this.config = config;
    }

    @Override
    public List<String> problems() {
        String password = config.ari().password();
        if (password == null || password.isBlank() || SHIPPED_PASSWORD.equals(password)) {
            return List.of("the ARI password is empty or the shipped default (set VOIPBIN_ARI_PASSWORD, and the same in"
                    + " Asterisk's ari.conf)");
        }
        return List.of();
    }
}
