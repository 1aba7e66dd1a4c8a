package net.voipbin.common.amqp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.voipbin.common.config.VoipbinConfig;

/** Names of broker objects, as ARCHITECTURE.md section 3 fixes them, under the optional namespace. */
@ApplicationScoped
public class BrokerNames {

    private final String prefix;
    private final String serviceName;

    @Inject
    public BrokerNames(VoipbinConfig config) {
        this(config.namespace().filter(s -> !s.isBlank()).orElse(""), config.serviceName());
    }

    public BrokerNames(String namespace, String serviceName) {
        this.prefix = namespace == null || namespace.isBlank() ? "" : namespace + ".";
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }

    /** Applies the namespace to a name the architecture fixes outside bin-manager.* (asterisk.*). */
    public String qualify(String name) {
        return prefix + name;
    }

    public String requestQueue(String service) {
        return prefix + "bin-manager." + service + ".request";
    }

    public String eventExchange(String service) {
        return prefix + "bin-manager." + service + ".event";
    }

    public String subscribeQueue(String service) {
        return prefix + "bin-manager." + service + ".subscribe";
    }

    public String ownRequestQueue() {
        return requestQueue(serviceName);
    }

    public String ownEventExchange() {
        return eventExchange(serviceName);
    }

    public String ownSubscribeQueue() {
        return subscribeQueue(serviceName);
    }

    // ARI over the bus (ARCHITECTURE.md sections 4 and 10): fixed outside bin-manager.*, shared by
    // asterisk-proxy (which serves and publishes them) and call-manager (which calls and consumes them).

    /** The request queue of one Asterisk's proxy (targeted ARI requests). */
    public String ariRequestQueue(String asteriskId) {
        return prefix + "asterisk." + asteriskId + ".request";
    }

    /** The request queue every proxy consumes: any Asterisk may take it (new calls). */
    public String ariAnyRequestQueue() {
        return prefix + "asterisk.call.request";
    }

    /** The direct exchange ARI events are published to, keyed by partition number. */
    public String ariEventExchange() {
        return prefix + "asterisk.all.event";
    }

    /** The queue of one ARI event partition (single active consumer). */
    public String ariEventPartitionQueue(int partition) {
        return ariEventExchange() + "." + partition;
    }
}
