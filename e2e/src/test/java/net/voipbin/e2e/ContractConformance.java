package net.voipbin.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks exchanges with the public gateway against the bundled public contract
 * (api-manager/src/main/resources/contract: openapi.yaml and the paths/ files it $refs), with
 * Atlassian's swagger-request-validator, the OpenAPI interaction validator most Java API tests use.
 *
 * <p>For each (method, path, request body, status, response body) it validates the response
 * (operation exists, status is one the operation lists, body matches that status's schema) and,
 * when the gateway accepted the request (2xx), the request too (query parameters, body). A refused
 * request is not checked: refusing what the contract forbids is the gateway keeping the contract.
 * Violations are collected, each distinct one once with a count, for a test to fail on.
 *
 * <p>Documented additions (api-manager's README, "Deliberate differences from the contract") are not
 * violations: the extension paths below (not in the public contract, so nothing to check them
 * against), 429 on any operation (merged into the contract as its own {@code TooManyRequests}
 * response, so the body is still checked), and the few fields and parameters in {@link #ADDITIONS},
 * each named; any other field the contract does not have is a violation, in a request the gateway
 * accepted as in a response. The gateway requiring less than the contract (an action without the
 * {@code id} the contract marks required, a number without a name, as the seeds' tutorials post
 * them) is not checked: a client that sends what the contract requires is never refused for it.
 *
 * <p>The paths files write {@code #/components/...} meaning the root document's components (as
 * HardeningIT reads them), which a file-by-file resolver would look for in the paths file itself;
 * so the contract is bundled into one document in memory before the validator reads it.
 */
final class ContractConformance {

    /** Our documented additions to the public contract (api-manager HardeningIT's EXTENSIONS). */
    static final Set<String> EXTENSIONS = Set.of("POST /auth/login", "POST /v1.0/auth/login",
            "POST /auth/signup", "POST /auth/email-verify", "POST /v1.0/ws/tickets", "GET /v1.0/ws",
            "POST /v1.0/calls/{id}/dtmf", "GET /v1.0/transfers/{id}", "GET /v1.0/billing-accounts",
            "POST /v1.0/available_numbers", "DELETE /v1.0/available_numbers/{number}");
    /** A field or query parameter the gateway adds to one or more operations, and why. */
    private record Addition(Pattern operation, String side, Set<String> names, String why) {
    }

    static final List<Addition> ADDITIONS = List.of(
            new Addition(Pattern.compile("POST /v1\\.0/calls"), "request", Set.of("dial_timeout", "early_execution", "time_limit"),
                    "call options the seeds document (dial_timeout, early_execution) and a call's maximum duration"),
            new Addition(Pattern.compile("POST /v1\\.0/customers"), "request", Set.of("username", "password"),
                    "the customer's first login, created with it"),
            new Addition(Pattern.compile("GET /v1\\.0/billings"), "request", Set.of("reference_id"),
                    "the charges of one call, as the demo and the seeds' cost question need"),
            new Addition(Pattern.compile("[A-Z]+ /v1\\.0/billing_accounts?(/.*)?"), "response", Set.of("status", "type"),
                    "whether the account is frozen, and admin accounts that are never charged"));
    private static final Pattern NAMES = Pattern.compile("\\[(\"[^\"]+\"(,\\s*\"[^\"]+\")*)\\]|Query parameter '([^']+)'");
    private static final String PREFIX = "/v1.0";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final OpenApiInteractionValidator validator;
    private final List<Pattern> extensions = new ArrayList<>();
    private final Map<String, Integer> violations = new LinkedHashMap<>();
    private int exchanges;

    private ContractConformance(Path openapi) throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true); // the responses' $refs (NotFound, ...) inlined, so their bodies are checked
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(bundle(openapi)), null, options);
        if (parsed.getOpenAPI() == null) {
            throw new IllegalStateException("the bundled contract does not parse: " + parsed.getMessages());
        }
        // The parser's messages are the public contract's own slips (responses without a description, a stray
        // attribute on one parameter): none changes a schema, so they are not ours to fail on.
        validator = OpenApiInteractionValidator.createFor(parsed.getOpenAPI())
                .withResolveCombinators(true) // allOf merged, so a pagination wrapper does not forbid its own "result"
                .withLevelResolver(LevelResolver.create()
                        // the recorder sees bodies, not headers: authentication is HardeningIT's subject
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.body.schema.required", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        for (String ext : EXTENSIONS) {
            extensions.add(Pattern.compile(Pattern.quote(ext).replaceAll("\\{[a-z]+\\}", "\\\\E[^/]+\\\\Q")));
        }
    }

    /** One document: the root with each paths file inlined, and 429 (TooManyRequests) on every operation. */
    private static JsonNode bundle(Path openapi) throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree(openapi.toFile());
        ObjectNode paths = (ObjectNode) root.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("$ref")) {
                Path file = openapi.getParent().resolve(e.getValue().path("$ref").asText());
                if (!Files.exists(file)) {
                    it.remove(); // the bundled copy holds the paths files of the resources we serve only
                    continue;
                }
                e.setValue(YAML.readTree(file.toFile()));
            }
            e.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    ObjectNode responses = (ObjectNode) op.getValue().path("responses");
                    if (!responses.has("429")) {
                        responses.putObject("429").put("$ref", "#/components/responses/TooManyRequests");
                    }
                }
            });
        }
        return root;
    }

    /** The contract bundled with api-manager's tests, found from the repo (voipbin.repo, or upwards from here). */
    static ContractConformance bundled() throws Exception {
        String repo = System.getProperty("voipbin.repo");
        Path dir = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("api-manager/src/main/resources/contract/openapi.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("the bundled contract api-manager/src/main/resources/contract/openapi.yaml was not found");
        }
        return new ContractConformance(dir.resolve("api-manager/src/main/resources/contract/openapi.yaml"));
    }

    /** Records one exchange; {@code path} may carry a query string; bodies may be null or empty. */
    synchronized void record(String method, String path, String requestBody, int status, String responseBody) {
        exchanges++;
        int q = path.indexOf('?');
        String bare = q < 0 ? path : path.substring(0, q);
        String line = method + " " + bare;
        if (extensions.stream().anyMatch(p -> p.matcher(line).matches())) {
            return;
        }
        String exchange = method + " " + UUID.matcher(bare).replaceAll("{id}") + " -> " + status;
        if (!bare.startsWith(PREFIX + "/")) {
            violation(exchange + ": not under " + PREFIX + " (the contract's server) and not a documented addition");
            return;
        }
        Request.Method m = Request.Method.valueOf(method);
        Set<String> messages = new TreeSet<>();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withContentType("application/json").withBody(responseBody);
        }
        String operation = method + " " + UUID.matcher(bare).replaceAll("{id}");
        collect(messages, operation, "response", validator.validateResponse(bare, m, response.build()));
        if (status / 100 == 2) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, bare);
            if (requestBody != null && !requestBody.isBlank()) {
                request.withContentType("application/json").withBody(requestBody);
            }
            if (q >= 0) {
                for (String pair : path.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    request.withQueryParam(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            collect(messages, operation, "request", validator.validateRequest(request.build()));
        }
        if (!messages.isEmpty()) {
            violation(exchange + ": " + String.join("; ", messages));
        }
    }

    /** Errors only, worded without per-call ids and indexes so one violation of many calls is listed once. */
    private static void collect(Set<String> into, String operation, String side, ValidationReport report) {
        for (ValidationReport.Message msg : report.getMessages()) {
            if (msg.getLevel() == ValidationReport.Level.ERROR && !documented(operation, side, msg)) {
                String text = UUID.matcher(msg.getMessage()).replaceAll("{id}").replaceAll("\\[\\d+\\]", "[*]");
                into.add(side + " " + msg.getKey() + ": " + text
                        + (msg.getAdditionalInfo().isEmpty() ? "" : " " + msg.getAdditionalInfo()));
            }
        }
    }

    /** An unexpected field or query parameter whose every name is one of {@link #ADDITIONS} for this operation. */
    private static boolean documented(String operation, String side, ValidationReport.Message msg) {
        if (!msg.getKey().endsWith(".additionalProperties") && !msg.getKey().endsWith(".query.unexpected")) {
            return false;
        }
        var m = NAMES.matcher(msg.getMessage());
        if (!m.find()) {
            return false;
        }
        List<String> names = new ArrayList<>();
        if (m.group(3) != null) {
            names.add(m.group(3));
        } else {
            for (String quoted : m.group(1).split(",")) {
                names.add(quoted.trim().replace("\"", ""));
            }
        }
        Set<String> allowed = new java.util.HashSet<>();
        ADDITIONS.stream().filter(a -> a.side().equals(side) && a.operation().matcher(operation).matches())
                .forEach(a -> allowed.addAll(a.names()));
        return allowed.containsAll(names);
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
