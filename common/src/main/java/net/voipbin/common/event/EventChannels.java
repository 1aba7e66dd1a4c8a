package net.voipbin.common.event;

/**
 * Names of the incoming event channels, one per publishing manager, used in {@code @Incoming} and in
 * the channel's configuration ({@code mp.messaging.incoming.<channel>.publisher=<service>}), shared by
 * the consuming code and its tests so neither spells a name of its own.
 */
public final class EventChannels {

    public static final String CALL_MANAGER = "call-manager-events";
    public static final String FLOW_MANAGER = "flow-manager-events";
    public static final String STORAGE_MANAGER = "storage-manager-events";
    public static final String API_MANAGER = "api-manager-events";
    public static final String BILLING_MANAGER = "billing-manager-events";
    public static final String ASTERISK_PROXY = "asterisk-proxy-events";

    private EventChannels() {
    }
}
