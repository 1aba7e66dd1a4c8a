package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.call.model.OutboundConfig;
import net.voipbin.common.db.TenantRepository;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One live config per customer; every query names the customer. */
@ApplicationScoped
@WithSession
public class OutboundConfigRepository implements TenantRepository<OutboundConfig> {

    /** The customer's live config (plain read); null when it has none yet. */
    public Uni<OutboundConfig> findByCustomer(UUID customerId) {
        return find("customerId = ?1 and tmDelete is null", customerId).firstResult();
    }

    /**
     * The customer's live config by a locking read (latest committed version, not the
     * transaction's snapshot): what follows {@link #insertEmptyIfAbsent}.
     */
    public Uni<OutboundConfig> findByCustomer(UUID customerId, LockModeType lock) {
        return find("customerId = ?1 and tmDelete is null", customerId).withLock(lock).firstResult();
    }

    /**
     * Creates the customer's empty config unless a live one exists: INSERT IGNORE on the unique
     * live_customer_id key, so concurrent callers (other replicas included) create exactly one.
     * Emits the number of rows inserted (0 or 1).
     */
    public Uni<Integer> insertEmptyIfAbsent(UUID customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "INSERT IGNORE INTO outbound_config (id, customer_id, name, detail, destination_whitelist, codecs, tm_create) "
                                + "VALUES (?1, ?2, '', '', '[]', '', ?3)")
                .setParameter(1, bytes(Ids.newId()))
                .setParameter(2, bytes(customerId))
                .setParameter(3, LocalDateTime.ofInstant(TimeFormat.now(), ZoneOffset.UTC))
                .executeUpdate());
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
