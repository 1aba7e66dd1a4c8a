package net.voipbin.common.event;

/**
 * Names of the event channels, shared by the code and its tests so neither spells a name of its own:
 * the incoming ones, one per publishing manager, used in {@code @Incoming} and in the channel's
 * configuration ({@code mp.messaging.incoming.<channel>.publisher=<service>}), and the one outgoing.
 */
public final class EventChannels {

    /**
     * This manager's own events, to its exchange {@code bin-manager.<svc>.event}; configured for every
     * manager in common's {@code microprofile-config.properties}, sent on by {@link EventPublisher}.
     */
    public static final String OUTGOING = "voipbin-events-out";

    public static final String CALL_MANAGER = "call-manager-events";
    public static final String FLOW_MANAGER = "flow-manager-events";
    public static final String STORAGE_MANAGER = "storage-manager-events";
    public static final String API_MANAGER = "api-manager-events";
    public static final String BILLING_MANAGER = "billing-manager-events";
    public static final String ASTERISK_PROXY = "asterisk-proxy-events";

    private EventChannels() {
    }
}
