package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.EndpointBehavior;

import java.util.LinkedHashMap;
import java.util.Map;

/** Scripted behaviour of dialled destinations ({@code PUT /sim/endpoints/{number}}). */
@Singleton
public class Endpoints {
    private final SimStore store;

    public Endpoints(SimStore store) {
        this.store = store;
    }

    public void set(String number, EndpointBehavior behavior) {
        store.locked(() -> {
            store.behaviors.put(number, behavior);
        });
    }

    /** A copy, in the order they were first scripted. */
    public Map<String, EndpointBehavior> all() {
        return store.locked(() -> new LinkedHashMap<>(store.behaviors));
    }

    /** How {@code number} dialled through {@code host} behaves: a behaviour for "number@host" (one route of several) wins. */
    EndpointBehavior behaviorFor(String number, String host) {
        store.requireLock();
        if (host != null && store.behaviors.containsKey(number + "@" + host)) {
            return store.behaviors.get(number + "@" + host);
        }
        return store.behaviors.getOrDefault(number, EndpointBehavior.DEFAULT);
    }
}
