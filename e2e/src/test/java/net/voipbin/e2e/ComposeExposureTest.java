package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What our own docker-compose.yml exposes to the network a host sits on: only the gateway. The managers' HTTP ports
 * (health, metrics), RabbitMQ and MariaDB are not published, the simulator only on loopback, and no service runs with
 * a default or empty credential.
 */
class ComposeExposureTest {

    /** The file as compose reads it: SnakeYAML resolves the merge keys ({@code <<: *credentials}). */
    private static JsonNode compose() throws Exception {
        try (Reader in = Files.newBufferedReader(ServiceProcess.REPO.resolve("docker-compose.yml"))) {
            Object loaded = new Yaml().load(in);
            return new ObjectMapper().valueToTree(loaded);
        }
    }

    @Test
    void onlyTheGatewayIsPublishedOnEveryInterface() throws Exception {
        List<String> published = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = compose().path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            for (JsonNode port : service.getValue().path("ports")) {
                String mapping = port.isTextual() ? port.asText() : port.path("host_ip").asText("") + ":" + port.path("published").asText();
                if (!mapping.startsWith("127.0.0.1:")) {
                    published.add(service.getKey() + " " + mapping);
                }
            }
        }
        assertEquals(List.of("api-manager 8080:8080"), published);
    }

    @Test
    void noServiceRunsWithADefaultOrEmptyCredential() throws Exception {
        JsonNode services = compose().path("services");
        String text = services.toString();
        assertFalse(text.contains("MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"), "an empty root password");
        assertFalse(text.contains("guest"), "the broker's guest user");
        assertFalse(text.contains("voipbin-development-"), "the development JWT key");
        JsonNode api = services.path("api-manager").path("environment");
        for (String secret : new String[] {"VOIPBIN_API_JWT_KEY", "VOIPBIN_API_BOOTSTRAP_SUPERADMIN_PASSWORD",
                "VOIPBIN_API_BOOTSTRAP_DEMO_PASSWORD", "VOIPBIN_AMQP_PASSWORD", "VOIPBIN_DB_PASSWORD"}) {
            // ${VAR:?message}: compose itself refuses to start without the operator's value.
            assertTrue(api.path(secret).asText().matches("\\$\\{[A-Z_]+:\\?.+}"), secret + " = " + api.path(secret));
        }
        assertEquals("api-manager", api.path("VOIPBIN_DB_USERNAME").asText(), "its own database user");
    }
}
