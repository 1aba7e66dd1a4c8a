package net.voipbin.api.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.Panache;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.api.auth.Secrets;
import net.voipbin.api.model.Accesskey;
import net.voipbin.api.model.Agent;
import net.voipbin.api.model.Customer;
import net.voipbin.api.repository.AccesskeyRepository;
import net.voipbin.api.repository.AgentRepository;
import net.voipbin.api.repository.CustomerRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.common.v1.PageRequest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Customers, agents and access keys: api-manager's own tables. */
@ApplicationScoped
public class IdentityService {

    public static final long MIN_ACCESSKEY_SECONDS = 86_400;
    public static final long DEFAULT_ACCESSKEY_SECONDS = 365L * 86_400;

    private final CustomerRepository customers;
    private final AgentRepository agents;
    private final AccesskeyRepository keys;
    private final CustomerEvents events;

    private final io.vertx.mutiny.core.Vertx vertx;
    /** bcrypt cost of new hashes ({@code voipbin.api.password.bcrypt-cost}). */
    private final int bcryptCost;
    /** Compared against when the username is unknown, so both cases take one bcrypt verification of the same cost. */
    private final String dummyHash;

    public IdentityService(CustomerRepository customers, AgentRepository agents, AccesskeyRepository keys,
                           CustomerEvents events, io.vertx.mutiny.core.Vertx vertx, ApiConfig config) {
        this.bcryptCost = config.password().bcryptCost();
        this.dummyHash = Secrets.hashPassword("voipbin-dummy-password", bcryptCost);
        this.customers = customers;
        this.events = events;
        this.agents = agents;
        this.keys = keys;
        this.vertx = vertx;
    }

    /** bcrypt is slow on purpose: off the event loop, back on the caller's context (the session stays valid). */
    private <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work));
    }

    public record Page<T>(List<T> items, String nextToken) {
    }

    public record NewCustomer(Customer customer, Agent agent) {
    }

    /** Creates a customer and, when username is given, its first admin agent, in one transaction. */
    @WithTransaction
    public Uni<NewCustomer> createCustomer(Customer c, String username, String password) {
        c.id = c.id == null ? Ids.newId() : c.id;
        c.tmCreate = TimeFormat.now();
        Uni<Void> emailFree = c.email == null ? Uni.createFrom().voidItem()
                : customers.findByEmail(c.email).invoke(existing -> {
                    if (existing != null) {
                        throw Errors.alreadyExists("email: a customer with this email exists");
                    }
                }).replaceWithVoid();
        return emailFree.chain(() -> customers.persist(c)).chain(saved -> events.publish(CustomerEvents.CREATED, saved)).chain(saved -> {
            if (username == null) {
                return Uni.createFrom().item(new NewCustomer(saved, null));
            }
            return createAgent(saved.id, username, password, Permissions.CUSTOMER_ADMIN, "admin")
                    .map(agent -> new NewCustomer(saved, agent));
        });
    }

    /** Within the caller's transaction. */
    public Uni<Agent> createAgent(UUID customerId, String username, String password, long permission, String name) {
        return agents.find("username = ?1", username).firstResult().chain(existing -> {
            if (existing != null) {
                throw Errors.alreadyExists("username: already taken");
            }
            return blocking(() -> Secrets.hashPassword(password, bcryptCost)).chain(hash -> {
            Agent agent = new Agent();
            agent.id = Ids.newId();
            agent.customerId = customerId;
            agent.username = username;
            agent.passwordHash = hash;
            agent.name = name == null ? "" : name;
            agent.detail = "";
            agent.permission = permission;
            agent.tmCreate = TimeFormat.now();
            return agents.persist(agent);
            });
        });
    }

    @WithSession
    public Uni<Customer> customer(UUID id) {
        return customers.findActive(id).onItem().ifNull().failWith(() -> Errors.notFound("customer", id));
    }

    @WithSession
    public Uni<Page<Customer>> listCustomers(PageRequest page) {
        int size = Paging.size(page);
        return customers.listActive(Paging.after(page), size + 1)
                .map(rows -> new Page<>(rows.subList(0, Math.min(size, rows.size())),
                        Paging.nextToken(rows, size, c -> c.id)));
    }

    @WithTransaction
    public Uni<Customer> updateCustomer(UUID id, java.util.function.Consumer<Customer> change) {
        return customers.findActive(id).onItem().ifNull().failWith(() -> Errors.notFound("customer", id))
                .invoke(c -> {
                    change.accept(c);
                    c.tmUpdate = TimeFormat.now();
                })
                .chain(c -> events.publish(CustomerEvents.UPDATED, c));
    }

    /** freeze: the customer is frozen at once (its billing account follows, so calls are refused). */
    @WithTransaction
    public Uni<Customer> freezeCustomer(UUID id) {
        return changeStatus(id, Customer.STATUS_ACTIVE, Customer.STATUS_FROZEN, CustomerEvents.FROZEN);
    }

    /** recover: a frozen customer is active again. */
    @WithTransaction
    public Uni<Customer> recoverCustomer(UUID id) {
        return changeStatus(id, Customer.STATUS_FROZEN, Customer.STATUS_ACTIVE, CustomerEvents.RECOVERED);
    }

    /** In the caller's transaction: moves a customer from {@code from} to {@code to} and announces it; else a no-op. */
    private Uni<Customer> changeStatus(UUID id, String from, String to, String event) {
        return customers.findActive(id).onItem().ifNull().failWith(() -> Errors.notFound("customer", id))
                .chain(c -> {
                    if (!from.equals(c.status)) {
                        return Uni.createFrom().item(c);
                    }
                    c.status = to;
                    c.tmUpdate = TimeFormat.now();
                    return events.publish(event, c);
                });
    }

    /** billing-manager opened the customer's default account: remember its id (once). */
    @WithTransaction
    public Uni<Void> linkBillingAccount(UUID customerId, UUID accountId) {
        return customers.findById(customerId).chain(c -> {
            if (c == null || accountId.equals(c.billingAccountId)) {
                return Uni.createFrom().voidItem();
            }
            c.billingAccountId = accountId;
            c.tmUpdate = TimeFormat.now();
            return events.publish(CustomerEvents.UPDATED, c).replaceWithVoid();
        });
    }

    /** Soft delete: every token and key of the customer stops working. */
    @WithTransaction
    public Uni<Customer> deleteCustomer(UUID id) {
        return customers.findActive(id).onItem().ifNull().failWith(() -> Errors.notFound("customer", id))
                .invoke(c -> {
                    c.tmDelete = TimeFormat.now();
                    c.status = "deleted";
                    c.email = null; // frees the address for a new signup
                })
                .chain(c -> events.publish(CustomerEvents.DELETED, c));
    }

    @WithSession
    public Uni<Agent> login(String username, String password) {
        return agents.findByUsername(username).chain(agent -> {
            String hash = agent == null ? dummyHash : agent.passwordHash;
            return blocking(() -> Secrets.passwordMatches(password, hash)).chain(ok -> {
                if (agent == null || !ok) {
                    return Uni.createFrom().<Agent>nullItem();
                }
                return customers.findActive(agent.customerId).chain(c -> c == null ? Uni.createFrom().<Agent>nullItem()
                        : strengthenHash(agent, password).replaceWith(agent));
            });
        });
    }

    /**
     * A hash made at a lower cost than today's (cost 10 before 12) is replaced while the password is at hand: one
     * more bcrypt, once per agent. Conditional on the old hash, so a password changed meanwhile is not overwritten.
     */
    private Uni<Void> strengthenHash(Agent agent, String password) {
        String old = agent.passwordHash;
        if (Secrets.bcryptCost(old) >= bcryptCost) {
            return Uni.createFrom().voidItem();
        }
        return blocking(() -> Secrets.hashPassword(password, bcryptCost))
                .chain(hash -> Panache.withTransaction(() -> agents.update(
                        "passwordHash = ?1 where id = ?2 and customerId = ?3 and passwordHash = ?4", hash, agent.id,
                        agent.customerId, old)))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Agent> agent(UUID customerId, UUID id) {
        return agents.findForCustomer(customerId, id).onItem().ifNull().failWith(() -> Errors.notFound("agent", id));
    }

    @WithTransaction
    public Uni<Accesskey> createAccesskey(UUID customerId, String name, String detail, long expireSeconds) {
        return keys.persist(newKey(customerId, name, detail, expireSeconds));
    }

    public static Accesskey newKey(UUID customerId, String name, String detail, long expireSeconds) {
        String raw = Secrets.newAccesskey();
        Accesskey key = new Accesskey();
        key.id = Ids.newId();
        key.customerId = customerId;
        key.name = name == null ? "" : name;
        key.detail = detail == null ? "" : detail;
        key.rawToken = raw;
        key.tokenHash = Secrets.sha256(raw);
        key.tokenPrefix = raw.substring(0, 11);
        key.tmCreate = TimeFormat.now();
        key.tmExpire = key.tmCreate.plus(Duration.ofSeconds(expireSeconds));
        return key;
    }

    /** Signup: customer + first access key in one transaction. */
    @WithTransaction
    public Uni<Accesskey> signup(Customer c) {
        c.id = Ids.newId();
        c.tmCreate = TimeFormat.now();
        return customers.persist(c).chain(saved -> events.publish(CustomerEvents.CREATED, saved))
                .chain(saved -> keys.persist(newKey(saved.id, "default", "created at signup",
                DEFAULT_ACCESSKEY_SECONDS)));
    }

    @WithSession
    public Uni<Customer> customerByEmail(String email) {
        return customers.findByEmail(email);
    }

    @WithSession
    public Uni<Accesskey> accesskey(UUID customerId, UUID id) {
        return keys.findForCustomer(customerId, id).onItem().ifNull().failWith(() -> Errors.notFound("accesskey", id));
    }

    @WithSession
    public Uni<Page<Accesskey>> listAccesskeys(UUID customerId, PageRequest page) {
        int size = Paging.size(page);
        return keys.listForCustomer(customerId, Paging.after(page), size + 1)
                .map(rows -> new Page<>(rows.subList(0, Math.min(size, rows.size())),
                        Paging.nextToken(rows, size, k -> k.id)));
    }

    @WithTransaction
    public Uni<Accesskey> updateAccesskey(UUID customerId, UUID id, String name, String detail) {
        return keys.findForCustomer(customerId, id).onItem().ifNull().failWith(() -> Errors.notFound("accesskey", id))
                .invoke(k -> {
                    if (name != null) {
                        k.name = name;
                    }
                    if (detail != null) {
                        k.detail = detail;
                    }
                    k.tmUpdate = TimeFormat.now();
                });
    }

    @WithTransaction
    public Uni<Accesskey> deleteAccesskey(UUID customerId, UUID id) {
        return keys.findForCustomer(customerId, id).onItem().ifNull().failWith(() -> Errors.notFound("accesskey", id))
                .invoke(k -> k.tmDelete = TimeFormat.now());
    }
}
