package net.voipbin.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.model.Customer;

import java.util.List;
import java.util.UUID;

/** Customers (the tenants themselves). */
@ApplicationScoped
@WithSession
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    public Uni<Customer> findActive(UUID id) {
        return find("id = ?1 and tmDelete is null", id).firstResult();
    }

    public Uni<Customer> findByEmail(String email) {
        return find("email = ?1", email).firstResult();
    }

    /** Newest id first, strictly below {@code after} (null = from the top). */
    public Uni<List<Customer>> listActive(UUID after, int limit) {
        Sort order = Sort.descending("id");
        var query = after == null
                ? find("tmDelete is null", order)
                : find("tmDelete is null and id < ?1", order, after);
        return query.page(0, limit).list();
    }
}
