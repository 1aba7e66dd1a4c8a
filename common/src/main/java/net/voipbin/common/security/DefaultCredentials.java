package net.voipbin.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.config.VoipbinConfig;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The broker's {@code guest} and the database's {@code root} or an empty password: every manager's defaults. */
@ApplicationScoped
public class DefaultCredentials implements StartupSafetyCheck {

    private final VoipbinConfig voipbin;
    private final Config config;

    public DefaultCredentials(VoipbinConfig voipbin, Config config) {
        this.voipbin = voipbin;
        this.config = config;
    }

    @Override
    public List<String> problems() {
        return problems(voipbin.amqp().username(), voipbin.amqp().password(),
                config.getOptionalValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class));
    }

    /** {@code dbUser} empty: this process has no database. */
    static List<String> problems(String amqpUser, String amqpPassword, Optional<String> dbUser, Optional<String> dbPassword) {
        List<String> problems = new ArrayList<>();
        if ("guest".equals(amqpUser)) {
            problems.add("the broker user is guest (set VOIPBIN_AMQP_USERNAME)");
        }
        if (amqpPassword == null || amqpPassword.isBlank() || "guest".equals(amqpPassword)) {
            problems.add("the broker password is empty or guest (set VOIPBIN_AMQP_PASSWORD)");
        }
        if (dbUser.isPresent()) {
            if ("root".equals(dbUser.get())) {
                problems.add("the database user is root (set VOIPBIN_DB_USERNAME to a user limited to this schema)");
            }
            if (dbPassword.map(String::isBlank).orElse(true)) {
                problems.add("the database password is empty (set VOIPBIN_DB_PASSWORD)");
            }
        }
        return problems;
    }
}
