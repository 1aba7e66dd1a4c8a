package net.voipbin.billing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Two-second minutes, so a call runs out of money in seconds; one free token a month. */
public class CutoffProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("voipbin.billing.minute", "2s", "voipbin.billing.cutoff.margin", "500ms",
                "voipbin.billing.plans.free.monthly-tokens", "1", "voipbin.timers.poll-interval", "100ms");
    }
}
