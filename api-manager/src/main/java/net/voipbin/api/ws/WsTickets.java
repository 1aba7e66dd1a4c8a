package net.voipbin.api.ws;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.auth.Authenticator;
import net.voipbin.api.auth.Identity;
import net.voipbin.api.auth.Secrets;
import net.voipbin.api.config.ApiConfig;
import net.voipbin.common.time.TimeFormat;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * WebSocket tickets: the only credential the gateway takes from a URL. A browser cannot set an Authorization
 * header on the WebSocket upgrade, so it first asks {@code POST /v1.0/ws/tickets} (authenticated as any request)
 * and opens {@code /v1.0/ws?ticket=...}. A ticket names the identity that asked for it, lives
 * {@code voipbin.api.ws.ticket-lifetime} (30 s) and is used at most once: using it deletes its row, so a ticket
 * read later from a log or a proxy is worth nothing. Kept in the database (only its SHA-256), so any replica
 * may take the upgrade.
 */
@ApplicationScoped
public class WsTickets {

    static final String PREFIX = "wst_";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String INSERT_SQL = "INSERT INTO ws_ticket (token_hash, kind, customer_id, agent_id, accesskey_id,"
            + " not_after, tm_expire) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String PURGE_SQL = "DELETE FROM ws_ticket WHERE tm_expire < ?";
    static final String SELECT_SQL = "SELECT kind, customer_id, agent_id, accesskey_id, not_after FROM ws_ticket"
            + " WHERE token_hash = ? AND tm_expire > ?";
    static final String CLAIM_SQL = "DELETE FROM ws_ticket WHERE token_hash = ? AND tm_expire > ?";

    public record Issued(String ticket, Instant expire) {
    }

    private final Pool pool;
    private final ApiConfig config;

    public WsTickets(Pool pool, ApiConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** A new ticket for {@code identity}; expired tickets are purged on the way. */
    public Uni<Issued> issue(Identity identity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = TimeFormat.now();
        Instant expire = now.plus(config.ws().ticketLifetime());
        Tuple row = Tuple.tuple()
                .addValue(Secrets.sha256(ticket))
                .addValue(identity.kind().name())
                .addValue(Authenticator.bytes(identity.customerId()))
                .addValue(identity.agentId() == null ? null : Authenticator.bytes(identity.agentId()))
                .addValue(identity.accesskeyId() == null ? null : Authenticator.bytes(identity.accesskeyId()))
                .addValue(identity.notAfter() == null ? null : utc(identity.notAfter()))
                .addValue(utc(expire));
        return pool.preparedQuery(PURGE_SQL).execute(Tuple.of(utc(now)))
                .chain(() -> pool.preparedQuery(INSERT_SQL).execute(row))
                .map(done -> new Issued(ticket, expire));
    }

    /**
     * The identity a valid, unused, unexpired ticket was issued to, using the ticket up; null otherwise. The
     * identity still has to be re-checked (the key may have been revoked since). Of two upgrades racing with the
     * same ticket only the one whose DELETE removed the row gets it.
     */
    public Uni<Identity> redeem(String ticket) {
        if (ticket == null || !ticket.startsWith(PREFIX) || ticket.length() > 64) {
            return Uni.createFrom().nullItem();
        }
        String hash = Secrets.sha256(ticket);
        LocalDateTime now = utc(TimeFormat.now());
        return pool.preparedQuery(SELECT_SQL).execute(Tuple.of(hash, now)).chain(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Identity identity = identity(it.next());
            return pool.preparedQuery(CLAIM_SQL).execute(Tuple.of(hash, now))
                    .map(deleted -> deleted.rowCount() == 1 ? identity : null);
        });
    }

    private static Identity identity(Row row) {
        LocalDateTime notAfter = row.getLocalDateTime("not_after");
        return new Identity(Identity.Kind.valueOf(row.getString("kind")),
                Authenticator.uuid(row.getBuffer("customer_id").getDelegate()),
                row.getBuffer("agent_id") == null ? null : Authenticator.uuid(row.getBuffer("agent_id").getDelegate()),
                row.getBuffer("accesskey_id") == null ? null : Authenticator.uuid(row.getBuffer("accesskey_id").getDelegate()),
                0, null, notAfter == null ? null : notAfter.toInstant(ZoneOffset.UTC));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
