package net.voipbin.api.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.buffer.Buffer;
import net.voipbin.common.time.TimeFormat;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns a JWT or an access key into an {@link Identity}; null when invalid. A token of a deleted
 * agent or customer, or a deleted/expired key, is refused: deleting revokes access at once.
 *
 * <p>One database round trip per request: a single prepared statement (cached per connection, so one
 * COM_STMT_EXECUTE) joins the agent (or access key) with its customer, directly on the reactive pool
 * (no Hibernate session). Nothing is cached between requests: the permission is read from the agent
 * row on every request, not frozen in the token, and a deletion is seen by the very next request.
 */
@ApplicationScoped
public class Authenticator {

    /** The active agent of the token, in the token's customer, with that customer active. */
    static final String AGENT_SQL = "SELECT a.permission, a.username FROM agent a"
            + " JOIN customer c ON c.id = a.customer_id"
            + " WHERE a.id = ? AND a.customer_id = ? AND a.tm_delete IS NULL AND c.tm_delete IS NULL";

    /** The active, unexpired access key with that hash, with its customer active. */
    static final String ACCESSKEY_SQL = "SELECT k.id, k.customer_id FROM accesskey k"
            + " JOIN customer c ON c.id = k.customer_id"
            + " WHERE k.token_hash = ? AND k.tm_delete IS NULL AND k.tm_expire > ? AND c.tm_delete IS NULL";

    private final AgentTokenVerifier tokens;
    private final Pool pool;

    public Authenticator(AgentTokenVerifier tokens, Pool pool) {
        this.tokens = tokens;
        this.pool = pool;
    }

    public Uni<Identity> authenticate(String token, String accesskey) {
        if (token != null) {
            AgentTokenVerifier.AgentClaims claims = tokens.verify(token);
            if (claims == null) {
                return Uni.createFrom().nullItem();
            }
            return pool.preparedQuery(AGENT_SQL)
                    .execute(Tuple.of(bytes(claims.agentId()), bytes(claims.customerId())))
                    .map(rows -> {
                        Row row = first(rows);
                        // The permission (and username) are read from the agent now, not taken from the token.
                        return row == null ? null : new Identity(Identity.Kind.AGENT, claims.customerId(),
                                claims.agentId(), null, row.getLong("permission"), row.getString("username"),
                                claims.expiresAt());
                    });
        }
        if (accesskey == null || !accesskey.startsWith(Secrets.ACCESSKEY_PREFIX) || accesskey.length() > 64) {
            return Uni.createFrom().nullItem();
        }
        LocalDateTime now = LocalDateTime.ofInstant(TimeFormat.now(), ZoneOffset.UTC); // DATETIME(6) columns are UTC
        return pool.preparedQuery(ACCESSKEY_SQL)
                .execute(Tuple.of(Secrets.sha256(accesskey), now))
                .map(rows -> {
                    Row row = first(rows);
                    return row == null ? null : new Identity(Identity.Kind.ACCESSKEY, uuid(row.getBuffer("customer_id").getDelegate()),
                            null, uuid(row.getBuffer("id").getDelegate()), Permissions.CUSTOMER_ADMIN, null);
                });
    }

    /** The access key of that id, active and unexpired, with its customer active. */
    static final String ACCESSKEY_BY_ID_SQL = "SELECT k.id FROM accesskey k"
            + " JOIN customer c ON c.id = k.customer_id"
            + " WHERE k.id = ? AND k.customer_id = ? AND k.tm_delete IS NULL AND k.tm_expire > ? AND c.tm_delete IS NULL";

    /**
     * Whether {@code identity} still holds now (a WebSocket's periodic check): the agent and its customer still
     * exist, or the access key is still active and unexpired, and an agent token has not expired. The answer
     * carries the current permission; null when the identity no longer holds.
     */
    public Uni<Identity> recheck(Identity identity) {
        if (identity.notAfter() != null && !TimeFormat.now().isBefore(identity.notAfter())) {
            return Uni.createFrom().nullItem();
        }
        if (identity.kind() == Identity.Kind.AGENT) {
            return pool.preparedQuery(AGENT_SQL)
                    .execute(Tuple.of(bytes(identity.agentId()), bytes(identity.customerId())))
                    .map(rows -> {
                        Row row = first(rows);
                        return row == null ? null : new Identity(Identity.Kind.AGENT, identity.customerId(),
                                identity.agentId(), null, row.getLong("permission"), row.getString("username"),
                                identity.notAfter());
                    });
        }
        LocalDateTime now = LocalDateTime.ofInstant(TimeFormat.now(), ZoneOffset.UTC);
        return pool.preparedQuery(ACCESSKEY_BY_ID_SQL)
                .execute(Tuple.of(bytes(identity.accesskeyId()), bytes(identity.customerId()), now))
                .map(rows -> first(rows) == null ? null : new Identity(Identity.Kind.ACCESSKEY, identity.customerId(),
                        null, identity.accesskeyId(), Permissions.CUSTOMER_ADMIN, null, null));
    }

    private static Row first(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }

    public static Buffer bytes(UUID id) {
        return Buffer.buffer(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    public static UUID uuid(Buffer value) {
        ByteBuffer b = ByteBuffer.wrap(value.getBytes());
        return new UUID(b.getLong(), b.getLong());
    }
}
