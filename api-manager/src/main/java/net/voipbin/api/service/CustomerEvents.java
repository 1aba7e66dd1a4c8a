package net.voipbin.api.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.api.mapping.Views;
import net.voipbin.api.model.Customer;
import net.voipbin.common.db.EventOutbox;

/**
 * api-manager owns customers, so it announces them: billing-manager opens, freezes and closes their
 * billing accounts from these events. Written to the outbox in the transaction of the change, so an
 * account never follows a customer that was not created, nor misses one that was. data = the
 * customer as the REST API renders it.
 */
@ApplicationScoped
public class CustomerEvents {

    public static final String CREATED = "customer_created";
    public static final String UPDATED = "customer_updated";
    public static final String FROZEN = "customer_frozen";
    public static final String RECOVERED = "customer_recovered";
    public static final String DELETED = "customer_deleted";

    private final EventOutbox outbox;

    public CustomerEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Customer> publish(String type, Customer customer) {
        return outbox.add(type, customer.id, Views.customer(customer)).replaceWith(customer);
    }
}
