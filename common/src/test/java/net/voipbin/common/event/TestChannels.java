package net.voipbin.common.event;

/** The test application's incoming channel: its own events, as another manager's would arrive. */
public final class TestChannels {

    /** Configured in application.properties with {@code publisher=common-test}. */
    public static final String OWN_EVENTS = "common-test-events";

    private TestChannels() {
    }
}
