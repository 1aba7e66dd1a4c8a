package net.voipbin.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes {@code /q/openapi} say what the public contract says for every operation we serve from it.
 *
 * <p>The document SmallRye generates from the JAX-RS resources knows our paths and parameters but
 * not the shapes: the handlers return JSON trees, so every response would be "an object". A client
 * generated from {@code /q/openapi} must get the same types as one generated from the public
 * contract, so for each generated operation the contract also has (same method, same path below
 * {@code /v1.0}) this filter takes the contract's summary, description, tags, responses and request
 * body, and the contract's parameters; the components they refer to are copied in. What we add is
 * kept: a parameter the contract lacks ({@code Idempotency-Key}, {@code reference_id}), a request
 * body property the contract lacks ({@code dial_timeout}, ...; added to the contract's body schema),
 * and the operations the contract does not have at all (our extensions, as generated).
 *
 * <p>The contract ships with this module ({@code contract/}: openapi.yaml and the paths files of
 * the resources we serve). Its paths files write {@code #/components/...} meaning the root's
 * components, so they are inlined into the root before SmallRye reads it. Runs once, at build time.
 */
public class ContractDocumentFilter implements OASFilter {

    static final String CONTRACT = "contract/openapi.yaml";
    static final String PREFIX = "/v1.0";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public void filterOpenAPI(OpenAPI served) {
        OpenAPI contract = contract();
        Map<String, PathItem> contractPaths = contract.getPaths().getPathItems();
        int taken = 0;
        for (Map.Entry<String, PathItem> entry : served.getPaths().getPathItems().entrySet()) {
            if (!entry.getKey().startsWith(PREFIX + "/")) {
                continue;
            }
            PathItem theirs = contractPaths.get(entry.getKey().substring(PREFIX.length()));
            if (theirs == null) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : entry.getValue().getOperations().entrySet()) {
                Operation contractOp = theirs.getOperations().get(op.getKey());
                if (contractOp != null) {
                    adopt(op.getValue(), contractOp, theirs.getParameters(), served.getComponents(), contract.getComponents());
                    taken++;
                }
            }
        }
        if (taken == 0) {
            throw new IllegalStateException("no served operation matched the contract in " + CONTRACT);
        }
        copyComponents(contract.getComponents(), served);
    }

    private static void adopt(Operation ours, Operation theirs, List<Parameter> pathParameters, Components ourComponents,
                              Components theirComponents) {
        ours.setSummary(theirs.getSummary());
        ours.setDescription(theirs.getDescription());
        ours.setTags(theirs.getTags());
        ours.setResponses(theirs.getResponses());
        List<Parameter> parameters = new ArrayList<>();
        if (pathParameters != null) {
            parameters.addAll(pathParameters);
        }
        if (theirs.getParameters() != null) {
            parameters.addAll(theirs.getParameters());
        }
        Set<String> named = parameters.stream().map(p -> resolve(p, theirComponents)).map(p -> p.getIn() + ":" + p.getName())
                .collect(Collectors.toSet());
        if (ours.getParameters() != null) {
            ours.getParameters().stream().filter(p -> !named.contains(p.getIn() + ":" + p.getName())).forEach(parameters::add);
        }
        ours.setParameters(parameters.isEmpty() ? null : parameters);
        if (theirs.getRequestBody() != null) {
            keepAddedProperties(ours.getRequestBody(), theirs.getRequestBody(), ourComponents);
            ours.setRequestBody(theirs.getRequestBody());
        }
    }

    private static Parameter resolve(Parameter p, Components components) {
        String ref = p.getRef();
        if (ref != null && ref.startsWith("#/components/parameters/") && components.getParameters() != null) {
            Parameter target = components.getParameters().get(ref.substring("#/components/parameters/".length()));
            if (target != null) {
                return target;
            }
        }
        return p;
    }

    /** Properties of our generated body (a component named after the body class) that the contract's inline body lacks. */
    private static void keepAddedProperties(RequestBody ours, RequestBody theirs, Components ourComponents) {
        Schema ourSchema = jsonSchema(ours);
        Schema theirSchema = jsonSchema(theirs);
        if (ourSchema == null || theirSchema == null || theirSchema.getProperties() == null) {
            return;
        }
        if (ourSchema.getRef() != null && ourComponents != null && ourComponents.getSchemas() != null) {
            ourSchema = ourComponents.getSchemas().get(ourSchema.getRef().substring(ourSchema.getRef().lastIndexOf('/') + 1));
        }
        if (ourSchema == null || ourSchema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> p : ourSchema.getProperties().entrySet()) {
            if (!theirSchema.getProperties().containsKey(p.getKey())) {
                theirSchema.addProperty(p.getKey(), p.getValue());
            }
        }
    }

    private static Schema jsonSchema(RequestBody body) {
        if (body == null || body.getContent() == null) {
            return null;
        }
        MediaType json = body.getContent().getMediaType("application/json");
        return json == null ? null : json.getSchema();
    }

    private static void copyComponents(Components from, OpenAPI into) {
        if (into.getComponents() == null) {
            into.setComponents(from);
            return;
        }
        Components c = into.getComponents();
        if (from.getSchemas() != null) {
            from.getSchemas().forEach((k, v) -> { if (c.getSchemas() == null || !c.getSchemas().containsKey(k)) c.addSchema(k, v); });
        }
        if (from.getResponses() != null) {
            from.getResponses().forEach((k, v) -> { if (c.getResponses() == null || !c.getResponses().containsKey(k)) c.addResponse(k, v); });
        }
        if (from.getParameters() != null) {
            from.getParameters().forEach((k, v) -> { if (c.getParameters() == null || !c.getParameters().containsKey(k)) c.addParameter(k, v); });
        }
        if (from.getRequestBodies() != null) {
            from.getRequestBodies().forEach((k, v) -> { if (c.getRequestBodies() == null || !c.getRequestBodies().containsKey(k)) c.addRequestBody(k, v); });
        }
    }

    /** The contract as one document (paths files inlined), read by SmallRye into the same model. */
    static OpenAPI contract() {
        byte[] bundled;
        try {
            bundled = YAML.writeValueAsBytes(bundle());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SmallRyeOpenAPI.builder()
                .withConfig(org.eclipse.microprofile.config.ConfigProvider.getConfig())
                .enableModelReader(false).enableStandardStaticFiles(false).enableAnnotationScan(false).enableStandardFilter(false)
                .withCustomStaticFile(() -> new ByteArrayInputStream(bundled))
                .build().model();
    }

    static JsonNode bundle() throws IOException {
        JsonNode read = read(CONTRACT);
        if (!(read instanceof ObjectNode root)) {
            throw new IllegalStateException(CONTRACT + " is not on the classpath");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ref = e.getValue().get("$ref");
            if (ref != null) {
                JsonNode item = read("contract/" + ref.asText().replaceFirst("^\\./", ""));
                if (item == null) {
                    it.remove(); // the copy holds the paths files of the resources we serve only
                } else {
                    e.setValue(item);
                }
            }
        }
        return root;
    }

    private static JsonNode read(String resource) throws IOException {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (cl != null ? cl : ContractDocumentFilter.class.getClassLoader()).getResourceAsStream(resource)) {
            return in == null ? null : YAML.readTree(in);
        }
    }
}
