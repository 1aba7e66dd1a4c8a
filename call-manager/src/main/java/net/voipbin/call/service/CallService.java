package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.error.Errors;

import java.util.List;
import java.util.UUID;

/** Reads calls. Creating and hanging up calls needs Asterisk (through asterisk-proxy): a later issue. */
@ApplicationScoped
public class CallService {

    private final CallRepository calls;

    public CallService(CallRepository calls) {
        this.calls = calls;
    }

    @WithSession
    public Uni<Call> get(UUID customerId, UUID id) {
        return calls.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("call", id));
    }

    @WithSession
    public Uni<List<Call>> list(UUID customerId, UUID after, int limit) {
        return calls.listForCustomer(customerId, after, limit);
    }
}
