package net.voipbin.api.config;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.security.StartupSafetyCheck;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * Signup proves an address by mail: in production that needs a real SMTP server and sender, or signup switched
 * off. Without them verification mails would go nowhere (or to the mock mailbox) and no one could sign up.
 */
@ApplicationScoped
public class SignupMailSettings implements StartupSafetyCheck {

    private final ApiConfig config;

    public SignupMailSettings(ApiConfig config) {
        this.config = config;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!config.signup().enabled()) {
            return problems;
        }
        var mp = ConfigProvider.getConfig();
        if (mp.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false)) {
            problems.add("signup mails go to the mock mailbox (set quarkus.mailer.mock=false, or VOIPBIN_API_SIGNUP_ENABLED=false)");
        }
        if (mp.getOptionalValue("quarkus.mailer.from", String.class).filter(v -> !v.isBlank()).isEmpty()) {
            problems.add("signup mails have no sender (set VOIPBIN_MAIL_FROM, or VOIPBIN_API_SIGNUP_ENABLED=false)");
        }
        String host = mp.getOptionalValue("quarkus.mailer.host", String.class).orElse("");
        if (host.isBlank() || host.equals("localhost")) {
            problems.add("signup mails have no SMTP server (set VOIPBIN_SMTP_HOST, VOIPBIN_SMTP_PORT, VOIPBIN_SMTP_USERNAME,"
                    + " VOIPBIN_SMTP_PASSWORD; or VOIPBIN_API_SIGNUP_ENABLED=false)");
        }
        return problems;
    }
}
