package net.voipbin.api.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.model.Customer;

import java.util.UUID;

/** Customers (the tenants themselves). The REST resources that use it come with the API issue. */
@ApplicationScoped
@WithSession
public class CustomerRepository implements PanacheRepositoryBase<Customer, UUID> {

    public Uni<Customer> findActive(UUID id) {
        return find("id = ?1 and tmDelete is null", id).firstResult();
    }
}
