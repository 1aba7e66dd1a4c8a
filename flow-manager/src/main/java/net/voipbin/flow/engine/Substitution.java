package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable substitution: {@code ${name}} and {@code {{name}}} are replaced by the variable's value,
 * unknown names by the empty string; a single pass (a value that itself looks like a template is
 * not expanded again). Only strings change: numbers, booleans and nulls stay as they are, also
 * inside arrays (the reference stringified numbers in arrays).
 */
public final class Substitution {

    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([^}]*)}|\\{\\{(.*?)}}");

    private Substitution() {
    }

    public static boolean hasTemplate(String text) {
        return text != null && TEMPLATE.matcher(text).find();
    }

    public static String apply(String text, Function<String, String> lookup) {
        if (text == null || (text.indexOf("${") < 0 && text.indexOf("{{") < 0)) {
            return text;
        }
        Matcher m = TEMPLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = (m.group(1) != null ? m.group(1) : m.group(2)).trim();
            String value = lookup.apply(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String apply(String text, Map<String, String> variables) {
        return apply(text, variables::get);
    }

    /** A substituted deep copy of {@code node}. */
    public static JsonNode apply(JsonNode node, Map<String, String> variables) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(apply(node.asText(), variables));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), apply(e.getValue(), variables));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(apply(item, variables)));
            return copy;
        }
        return node.deepCopy();
    }

    /** The variable name in {@code text}: "${x}" / "{{x}}" -> x, otherwise the trimmed text. */
    public static String bareName(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = TEMPLATE.matcher(t);
        if (m.matches()) {
            return (m.group(1) != null ? m.group(1) : m.group(2)).trim();
        }
        return t;
    }
}
