package net.voipbin.api.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The mails of signup, sent in the background: the HTTP answer must not wait for (or reveal anything through)
 * the SMTP server. In dev and test the mailer is a mock ({@code quarkus.mailer.mock}) whose mailbox tests read.
 */
@ApplicationScoped
public class SignupMails {

    private static final Logger LOG = Logger.getLogger(SignupMails.class);
    public static final String VERIFY_SUBJECT = "Verify your email address for VoIPBIN";
    public static final String KNOWN_SUBJECT = "Someone tried to sign up with your address";

    private final ReactiveMailer mailer;

    public SignupMails(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    void verification(String email, String token, java.time.Duration lifetime) {
        send(Mail.withText(email, VERIFY_SUBJECT, """
                Someone (we hope you) asked for a VoIPBIN account with this address.

                To create it, verify the address within %d hours by sending this token:

                    POST /auth/email-verify
                    {"token": "%s"}

                The answer holds your account and its first access key. If you did not sign up, ignore this
                mail: no account exists until the address is verified.
                """.formatted(Math.max(1, lifetime.toHours()), token)));
    }

    void alreadyRegistered(String email) {
        send(Mail.withText(email, KNOWN_SUBJECT, """
                Someone asked for a new VoIPBIN account with this address, which already has one, so nothing
                was created. If that was you, log in with your existing account. If not, ignore this mail.
                """));
    }

    private void send(Mail mail) {
        mailer.send(mail).subscribe().with(v -> { },
                e -> LOG.warnf("signup mail to %s not sent: %s", mail.getTo(), e.toString()));
    }
}
