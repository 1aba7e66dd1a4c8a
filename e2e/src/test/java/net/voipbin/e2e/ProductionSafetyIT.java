package net.voipbin.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged managers started as production starts them (Quarkus' normal mode) with the shipped defaults: guest on
 * the broker, root with no password on the database, for api-manager the development JWT key and the bootstrap
 * passwords, for asterisk-proxy the shipped ARI password. Each refuses to start, names every default it found and the
 * setting that replaces it, and exits.
 */
class ProductionSafetyIT {

    /**
     * Production mode, on a schema and broker namespace of this test's own: the database migrations run before the
     * start-up checks (Quarkus runs Flyway first), so each process gets its own schema.
     */
    private static Map<String, String> production(String schema) {
        return Map.of("VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS", "false",
                "VOIPBIN_AMQP_USERNAME", "guest", "VOIPBIN_AMQP_PASSWORD", "guest",
                "VOIPBIN_DB_USERNAME", "root", "VOIPBIN_DB_PASSWORD", "",
                "VOIPBIN_DB_SCHEMA", "voipbin_safety_" + schema + "_e2e", "VOIPBIN_NAMESPACE", "safety-e2e",
                // An earlier build's migrations (another branch on this machine) must not fail validation first.
                "QUARKUS_FLYWAY_CLEAN_AT_START", "true", "QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
    }

    @Test
    void aManagerWithTheShippedDefaultsRefusesToStart() throws Exception {
        try (ServiceProcess call = ServiceProcess.start("call-manager", "safety-call-manager", Telephony.freePort(), production("call"));
             ServiceProcess api = ServiceProcess.start("api-manager", "safety-api-manager", Telephony.freePort(), production("api"));
             ServiceProcess proxy = ServiceProcess.start("asterisk-proxy", "safety-asterisk-proxy", Telephony.freePort(),
                     production("proxy"))) {
            assertEquals(1, call.awaitExit(Duration.ofSeconds(90)), "call-manager exits");
            assertEquals(1, api.awaitExit(Duration.ofSeconds(90)), "api-manager exits");
            assertEquals(1, proxy.awaitExit(Duration.ofSeconds(90)), "asterisk-proxy exits");
            String proxyLog = proxy.log();
            assertTrue(proxyLog.contains("VOIPBIN_ARI_PASSWORD") && proxyLog.contains("VOIPBIN_AMQP_USERNAME"), proxyLog);
            String callLog = call.log();
            assertTrue(callLog.contains("refusing to start in production"), callLog);
            for (String setting : new String[] {"VOIPBIN_AMQP_USERNAME", "VOIPBIN_AMQP_PASSWORD", "VOIPBIN_DB_USERNAME",
                    "VOIPBIN_DB_PASSWORD"}) {
                assertTrue(callLog.contains(setting), setting + " in " + callLog);
            }
            String apiLog = api.log();
            for (String setting : new String[] {"VOIPBIN_API_JWT_KEY", "VOIPBIN_API_BOOTSTRAP_SUPERADMIN_PASSWORD",
                    "VOIPBIN_API_BOOTSTRAP_DEMO_PASSWORD"}) {
                assertTrue(apiLog.contains(setting), setting + " in " + apiLog);
            }
        }
    }
}
