package net.voipbin.api.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.auth.Secrets;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.model.Accesskey;
import net.voipbin.api.model.Customer;
import net.voipbin.api.model.PendingSignup;
import net.voipbin.api.repository.CustomerRepository;
import net.voipbin.api.repository.PendingSignupRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Self-service signup in two steps, so that an address is proven before an account (and its admin key) exists:
 * {@link #request} remembers the signup and mails a random single-use token (64 hex characters, stored as its
 * SHA-256, valid {@code voipbin.api.signup.token-lifetime}); {@link #verify} takes the token back and creates
 * the customer with its first access key. For a known address nothing is stored and a notice is mailed
 * instead; the caller answers both the same, so signup tells no one which addresses have accounts.
 */
@ApplicationScoped
public class SignupService {

    private static final SecureRandom RANDOM = new SecureRandom();

    public record Verified(Customer customer, Accesskey accesskey) {
    }

    private final PendingSignupRepository pending;
    private final CustomerRepository customers;
    private final IdentityService identity;
    private final SignupMails mails;
    private final ApiConfig config;

    public SignupService(PendingSignupRepository pending, CustomerRepository customers, IdentityService identity,
                         SignupMails mails, ApiConfig config) {
        this.pending = pending;
        this.customers = customers;
        this.identity = identity;
        this.mails = mails;
        this.config = config;
    }

    /** Remembers {@code draft} (validated, email lower-cased) and mails the token, or mails a notice if known. */
    public Uni<Void> request(Customer draft) {
        // the mail goes once the transaction has committed, so the token in it always works
        return Panache.withTransaction(() -> store(draft)).invoke(Runnable::run).replaceWithVoid();
    }

    /** In the caller's transaction: what to mail afterwards. */
    private Uni<Runnable> store(Customer draft) {
        Instant now = TimeFormat.now();
        return pending.purgeExpired(now).chain(() -> customers.findByEmail(draft.email)).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item((Runnable) () -> mails.alreadyRegistered(draft.email));
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            PendingSignup p = new PendingSignup();
            p.id = Ids.newId();
            p.tokenHash = Secrets.sha256(token);
            p.email = draft.email;
            p.name = draft.name == null ? "" : draft.name;
            p.detail = draft.detail == null ? "" : draft.detail;
            p.phoneNumber = draft.phoneNumber == null ? "" : draft.phoneNumber;
            p.address = draft.address == null ? "" : draft.address;
            p.webhookMethod = draft.webhookMethod == null ? "" : draft.webhookMethod;
            p.webhookUri = draft.webhookUri == null ? "" : draft.webhookUri;
            p.tmCreate = now;
            p.tmExpire = now.plus(config.signup().tokenLifetime());
            return pending.persist(p).map(saved -> (Runnable) () ->
                    mails.verification(p.email, token, config.signup().tokenLifetime()));
        });
    }

    /** The customer and its first key, created now that its address is proven; 400 for any unusable token. */
    @WithTransaction
    public Uni<Verified> verify(String token) {
        if (token == null || !token.matches("[0-9a-f]{64}")) {
            return Uni.createFrom().failure(invalidToken());
        }
        Instant now = TimeFormat.now();
        return pending.findUnexpired(Secrets.sha256(token), now).chain(p -> {
            if (p == null) {
                return Uni.createFrom().failure(invalidToken());
            }
            return pending.claim(p.id).chain(claimed -> {
                if (claimed != 1) {
                    return Uni.createFrom().failure(invalidToken());
                }
                return customers.findByEmail(p.email).chain(existing -> {
                    if (existing != null) {
                        // verified twice by two signups of one address: the first made the account
                        return Uni.createFrom().failure(invalidToken());
                    }
                    Customer c = new Customer();
                    c.name = p.name;
                    c.detail = p.detail;
                    c.email = p.email;
                    c.emailVerified = true;
                    c.phoneNumber = p.phoneNumber;
                    c.address = p.address;
                    c.webhookMethod = p.webhookMethod;
                    c.webhookUri = p.webhookUri;
                    return identity.signup(c).map(key -> new Verified(c, key));
                });
            });
        });
    }

    private static RuntimeException invalidToken() {
        return Errors.invalidArgument("token", "is invalid, expired or already used");
    }
}
