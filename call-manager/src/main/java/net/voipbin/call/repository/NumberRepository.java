package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Number;
import net.voipbin.common.db.TenantRepository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Customer-facing queries name the tenant. {@link #findLiveByNumber} does not: it is how an
 * incoming call finds the customer that owns the dialled number.
 */
@ApplicationScoped
@WithSession
public class NumberRepository implements TenantRepository<Number> {

    /** The live (not deleted) row holding {@code e164}, whoever owns it; null when none. */
    public Uni<Number> findLiveByNumber(String e164) {
        return find("number = ?1 and tmDelete is null", e164).firstResult();
    }

    /** The customer's live row holding {@code e164}; null when the customer has none. */
    public Uni<Number> findLiveForCustomer(UUID customerId, String e164) {
        return find("customerId = ?1 and number = ?2 and tmDelete is null", customerId, e164).firstResult();
    }

    /** Newest first, {@code limit} rows older than {@code after}, optionally only {@code number}. */
    public Uni<List<Number>> listFiltered(UUID customerId, UUID after, int limit, String number) {
        StringBuilder q = new StringBuilder("customerId = :customer and tmDelete is null");
        Map<String, Object> params = new HashMap<>();
        params.put("customer", customerId);
        if (after != null) {
            q.append(" and id < :after");
            params.put("after", after);
        }
        if (number != null && !number.isEmpty()) {
            q.append(" and number = :number");
            params.put("number", number);
        }
        return find(q.toString(), Sort.descending("id"), params).page(0, limit).list();
    }
}
