package net.voipbin.api.config;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import io.quarkus.runtime.configuration.DurationConverter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real {@link ApiConfig} mapping built from given properties, for unit tests without Quarkus. */
public final class TestApiConfig {

    private TestApiConfig() {
    }

    /** Every tier at {@code rate}/{@code burst} unless {@code overrides} say otherwise. */
    public static ApiConfig with(double rate, int burst, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        for (String tier : new String[]{"ip", "customer", "login"}) {
            properties.put("voipbin.api.rate-limit." + tier + ".rate", String.valueOf(rate));
            properties.put("voipbin.api.rate-limit." + tier + ".burst", String.valueOf(burst));
        }
        properties.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ApiConfig.class)
                // Quarkus' own converter: "500ms" and "3s" as in application.properties, not only ISO-8601.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new io.smallrye.config.PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(ApiConfig.class);
    }
}
