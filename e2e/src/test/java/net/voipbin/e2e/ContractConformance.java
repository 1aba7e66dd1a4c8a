package net.voipbin.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks exchanges with the public gateway against the bundled public contract
 * (api-manager/src/test/resources/contract: openapi.yaml and the paths/ files it $refs).
 *
 * <p>For each (method, path, request body, status, response body) it finds the operation by
 * path template, checks the status is one the operation lists, validates a request body the
 * gateway accepted (2xx) against the operation's requestBody schema, and the response body
 * against the schema the operation gives for that status. Violations are collected, each distinct
 * one once with a count, for a test to fail on. The only exceptions are the short allow-list of
 * documented additions below: they are not in the public contract, so there is nothing to check
 * them against.
 *
 * <p>Schemas are OpenAPI 3.0 schemas, which are JSON Schema draft 4 plus {@code nullable}:
 * {@code nullable: true} is rewritten to a {@code "null"} type before validation. The path files
 * write {@code #/components/...}, meaning the root document's components (as HardeningIT reads
 * them), so every schema is validated inside a wrapper document carrying the root's components.
 */
final class ContractConformance {

    /** Our documented additions to the public contract (api-manager HardeningIT's EXTENSIONS). */
    static final Set<String> EXTENSIONS = Set.of("POST /auth/login", "POST /v1.0/auth/login",
            "POST /auth/signup", "POST /auth/email-verify", "POST /v1.0/ws/tickets", "GET /v1.0/ws",
            "POST /v1.0/calls/{id}/dtmf", "GET /v1.0/transfers/{id}", "GET /v1.0/billing-accounts",
            "POST /v1.0/available_numbers", "DELETE /v1.0/available_numbers/{number}");
    /** Rate limiting may answer any operation (documented addition); its body is still the error shape. */
    static final int TOO_MANY_REQUESTS = 429;
    private static final String PREFIX = "/v1.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private record Route(String method, String template, Pattern pattern, int params, JsonNode operation) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<Route> extensions = new ArrayList<>();
    private final JsonNode components;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<JsonNode, JsonSchema> schemas = new IdentityHashMap<>();
    private final Map<String, Integer> violations = new LinkedHashMap<>();
    private int exchanges;

    private ContractConformance(Path openapi) throws Exception {
        JsonNode root = YAML.readTree(openapi.toFile());
        components = nullable(root.path("components").deepCopy());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode item = e.getValue();
            if (item.has("$ref")) {
                Path file = openapi.getParent().resolve(item.path("$ref").asText());
                if (!Files.exists(file)) {
                    continue; // the bundled copy holds the paths files of the resources we serve only
                }
                item = YAML.readTree(file.toFile());
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = item.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    routes.add(route(op.getKey().toUpperCase(), e.getKey(), nullable(op.getValue().deepCopy())));
                }
            }
        }
        for (String ext : EXTENSIONS) {
            extensions.add(route(ext.substring(0, ext.indexOf(' ')), ext.substring(ext.indexOf(' ') + 1), null));
        }
    }

    /** The contract bundled with api-manager's tests, found from the repo (voipbin.repo, or upwards from here). */
    static ContractConformance bundled() throws Exception {
        String repo = System.getProperty("voipbin.repo");
        Path dir = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("api-manager/src/test/resources/contract/openapi.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("the bundled contract api-manager/src/test/resources/contract/openapi.yaml was not found");
        }
        return new ContractConformance(dir.resolve("api-manager/src/test/resources/contract/openapi.yaml"));
    }

    private static Route route(String method, String template, JsonNode operation) {
        StringBuilder regex = new StringBuilder();
        int params = 0;
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{")) {
                regex.append("[^/]+");
                params++;
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return new Route(method, template, Pattern.compile(regex.toString()), params, operation);
    }

    /** OpenAPI 3.0's {@code nullable: true} as draft 4 says it: the type may also be null. */
    private static JsonNode nullable(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.path("nullable").asBoolean(false) && o.path("type").isTextual()) {
                o.putArray("type").add(o.path("type").asText()).add("null");
            }
            o.forEach(ContractConformance::nullable);
        } else if (node.isArray()) {
            node.forEach(ContractConformance::nullable);
        }
        return node;
    }

    /** Records one exchange; {@code path} may carry a query string; bodies may be null or empty. */
    synchronized void record(String method, String path, String requestBody, int status, String responseBody) {
        exchanges++;
        String bare = path.replaceFirst("[?#].*$", "");
        Route ext = match(extensions, method, bare);
        if (ext != null) {
            return;
        }
        String exchange = method + " " + template(bare) + " -> " + status;
        if (!bare.startsWith(PREFIX + "/")) {
            violation(exchange + ": not under " + PREFIX + " and not a documented addition");
            return;
        }
        Route route = match(routes, method, bare.substring(PREFIX.length()));
        if (route == null) {
            violation(exchange + ": no such operation in the contract");
            return;
        }
        exchange = method + " " + PREFIX + route.template() + " -> " + status;
        JsonNode op = route.operation();
        JsonNode response = op.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            response = op.path("responses").path("default");
        }
        if (response.isMissingNode() && status != TOO_MANY_REQUESTS) {
            List<String> listed = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(listed::add);
            violation(exchange + ": status not listed by the operation (it lists " + listed + ")");
        }
        if (status / 100 == 2 && requestBody != null && !requestBody.isBlank()) {
            JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
            if (!schema.isMissingNode()) {
                validate(exchange + ": request body", schema, requestBody);
            }
        }
        if (status == TOO_MANY_REQUESTS && response.isMissingNode()) {
            validate(exchange + ": response body", JSON.createObjectNode().put("$ref", "#/components/schemas/ErrorResponse"), responseBody);
            return;
        }
        if (response.has("$ref")) {
            response = pointer(response.path("$ref").asText());
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            validate(exchange + ": response body", schema, responseBody);
        }
    }

    private JsonNode pointer(String ref) {
        return ref.startsWith("#/components/") ? components.at(ref.substring("#/components".length())) : JSON.missingNode();
    }

    /** The most literal matching route: /numbers/renew before /numbers/{id}. */
    private static Route match(List<Route> in, String method, String path) {
        Route best = null;
        for (Route r : in) {
            if (r.method().equals(method) && r.pattern().matcher(path).matches() && (best == null || r.params() < best.params())) {
                best = r;
            }
        }
        return best;
    }

    /** Ids in a path shown as {id}, so one violation of many calls is listed once. */
    private static String template(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
    }

    private void validate(String what, JsonNode schema, String body) {
        JsonNode instance;
        try {
            instance = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (Exception e) {
            instance = null;
        }
        if (instance == null) {
            violation(what + ": not JSON: " + abbreviate(body));
            return;
        }
        JsonSchema compiled = schemas.computeIfAbsent(schema, s -> {
            ObjectNode wrapper = JSON.createObjectNode();
            ArrayNode all = wrapper.putArray("allOf");
            all.add(s);
            wrapper.set("components", components);
            return factory.getSchema(wrapper, config);
        });
        Set<String> messages = new TreeSet<>();
        for (ValidationMessage m : compiled.validate(instance)) {
            messages.add(m.getMessage().replaceAll("\\[\\d+\\]", "[*]"));
        }
        if (!messages.isEmpty()) {
            violation(what + ": " + String.join("; ", messages));
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "(none)" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private void violation(String v) {
        violations.merge(v, 1, Integer::sum);
    }

    synchronized List<String> violations() {
        List<String> out = new ArrayList<>();
        violations.forEach((v, n) -> out.add(v + (n > 1 ? " (x" + n + ")" : "")));
        return out;
    }

    synchronized int exchanges() {
        return exchanges;
    }

    /** The report a failing test prints: every distinct violation on its own line. */
    String report() {
        List<String> v = violations();
        return v.size() + " contract violation(s) in " + exchanges() + " exchanges:\n  " + String.join("\n  ", v);
    }
}
