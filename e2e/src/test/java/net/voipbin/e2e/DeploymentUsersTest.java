package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The least-privilege table (deploy/provision/managers.sh) against what the managers do and what the two
 * deployments give them: every manager binds only to publishers the table lets it read, and docker-compose.yml and
 * the kustomize base run each manager as its own user with its own secrets, all of which generate-secrets.sh writes.
 */
class DeploymentUsersTest {

    private static final Path REPO = ServiceProcess.REPO;
    private static final Pattern ROW = Pattern.compile("^\\s*\"([a-z-]+)\\|([a-z_]*)\\|([a-z -]*)\\|([a-z]*)\"\\s*$");

    record Manager(String name, String schema, Set<String> binds) {
    }

    static Map<String, Manager> table() throws IOException {
        Map<String, Manager> managers = new TreeMap<>();
        for (String line : Files.readAllLines(REPO.resolve("deploy/provision/managers.sh"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Set<String> binds = new TreeSet<>(List.of(m.group(3).trim().split("\\s+")));
                binds.remove("");
                managers.put(m.group(1), new Manager(m.group(1), m.group(2), binds));
            }
        }
        return managers;
    }

    private static Properties properties(String module) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(REPO.resolve(module + "/src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void theTableKnowsEveryManagerAndEveryPublisherItBindsTo() throws Exception {
        Map<String, Manager> table = table();
        assertEquals(LeastPrivilege.MANAGERS.keySet(), table.keySet(), "managers.sh and the e2e users");
        for (Manager manager : table.values()) {
            Properties p = properties(manager.name);
            Set<String> publishers = new TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.publisher")) {
                    publishers.add(p.getProperty(key).trim());
                }
            }
            if (manager.name.equals("api-manager")) {
                // The WebSocket feed's default publishers (ApiConfig.Ws#publishers).
                String config = Files.readString(REPO.resolve("api-manager/src/main/java/net/voipbin/api/config/ApiConfig.java"));
                Matcher m = Pattern.compile("@WithDefault\\(\"([a-z,-]+)\"\\)\\s+List<String> publishers\\(\\)").matcher(config);
                assertTrue(m.find(), "the WebSocket publishers' default");
                publishers.addAll(List.of(m.group(1).split(",")));
            }
            assertTrue(manager.binds.containsAll(publishers), manager.name + " binds to " + publishers
                    + " but managers.sh lets it read " + manager.binds);
            boolean hasDatabase = p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("quarkus.datasource."));
            assertEquals(hasDatabase, !manager.schema.isEmpty(), manager.name + "'s schema in managers.sh");
        }
    }

    @Test
    void composeRunsEachManagerAsItsOwnUser() throws Exception {
        JsonNode services;
        try (Reader in = Files.newBufferedReader(REPO.resolve("docker-compose.yml"))) {
            services = new ObjectMapper().valueToTree(new Yaml().load(in)).path("services");
        }
        for (Manager manager : table().values()) {
            JsonNode env = services.path(manager.name).path("environment");
            assertEquals(manager.name, env.path("VOIPBIN_AMQP_USERNAME").asText(), manager.name);
            assertTrue(env.path("VOIPBIN_AMQP_PASSWORD").asText().startsWith("${" + secret("AMQP", manager.name) + ":?"),
                    manager.name + " " + env.path("VOIPBIN_AMQP_PASSWORD"));
            if (!manager.schema.isEmpty()) {
                assertEquals(manager.name, env.path("VOIPBIN_DB_USERNAME").asText(), manager.name);
                assertTrue(env.path("VOIPBIN_DB_PASSWORD").asText().startsWith("${" + secret("DB", manager.name) + ":?"),
                        manager.name + " " + env.path("VOIPBIN_DB_PASSWORD"));
            }
        }
        String text = Files.readString(REPO.resolve("docker-compose.yml"));
        Set<String> generated = generatedSecrets();
        Matcher variable = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(text);
        while (variable.find()) {
            assertTrue(generated.contains(variable.group(1)), variable.group(1) + " is required but not generated");
        }
    }

    @Test
    void theKustomizeBaseRunsEachManagerAsItsOwnUserAndServesOnlyTheGateway() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || Files.isExecutable(Path.of("/usr/local/bin/kubectl")),
                "kubectl renders the base");
        List<JsonNode> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(run(List.of("kubectl", "kustomize", REPO.resolve("deploy").toString())))) {
            objects.add(new ObjectMapper().valueToTree(document));
        }
        Set<String> services = new TreeSet<>();
        Map<String, JsonNode> containers = new HashMap<>();
        Set<String> secretKeys = new TreeSet<>();
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            if (kind.equals("Service")) {
                services.add(o.path("metadata").path("name").asText());
                assertEquals("ClusterIP", o.path("spec").path("type").asText(), o.path("metadata").toString());
            }
            for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                containers.put(c.path("name").asText(), c);
            }
            for (JsonNode c : o.path("spec").path("template").path("spec").path("initContainers")) {
                containers.put(c.path("name").asText(), c);
            }
        }
        assertEquals(Set.of("api-manager", "mariadb", "rabbitmq"), services, "the Services");
        for (JsonNode c : containers.values()) {
            for (JsonNode e : c.path("env")) {
                assertTrue(!e.path("name").asText().contains("PASSWORD") || e.has("valueFrom"), "a literal " + e);
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    secretKeys.add(ref.path("key").asText());
                }
            }
        }
        for (Manager manager : table().values()) {
            if (manager.name.equals("asterisk-proxy")) {
                continue;   // runs next to each Asterisk, not in the base
            }
            Map<String, JsonNode> env = new HashMap<>();
            containers.get(manager.name).path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertEquals(manager.name, env.get("VOIPBIN_AMQP_USERNAME").path("value").asText(), manager.name);
            assertEquals(secret("AMQP", manager.name), env.get("VOIPBIN_AMQP_PASSWORD").path("valueFrom").path("secretKeyRef").path("key").asText());
            assertEquals(manager.name, env.get("VOIPBIN_DB_USERNAME").path("value").asText(), manager.name);
            assertEquals(secret("DB", manager.name), env.get("VOIPBIN_DB_PASSWORD").path("valueFrom").path("secretKeyRef").path("key").asText());
        }
        Set<String> generated = generatedSecrets();
        assertTrue(generated.containsAll(secretKeys), "not generated: " + new TreeSet<>(secretKeys) {{ removeAll(generated); }});
    }

    private static String secret(String system, String manager) {
        return "VOIPBIN_" + system + "_PASSWORD_" + manager.replace('-', '_').toUpperCase();
    }

    private static Set<String> generatedSecrets() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : run(List.of("bash", REPO.resolve("deploy/provision/generate-secrets.sh").toString())).split("\n")) {
            if (!line.startsWith("#") && line.contains("=")) {
                assertTrue(line.substring(line.indexOf('=') + 1).length() >= 24, "a short secret: " + line.substring(0, line.indexOf('=')));
                names.add(line.substring(0, line.indexOf('=')));
            }
        }
        return names;
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, process.exitValue(), String.join(" ", command));
        return out;
    }
}
