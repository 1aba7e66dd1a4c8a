package net.voipbin.api.mapping;

import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.common.v1.PageRequest;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

/** Request checks that fail with INVALID_ARGUMENT naming the field (mapped to 400). */
public final class Validate {

    public static final Set<String> WEBHOOK_METHODS = Set.of("", "POST", "GET", "PUT", "DELETE");

    private Validate() {
    }

    public static String text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw Errors.invalidArgument(field, "must be at most " + max + " characters");
        }
        return value == null ? "" : value;
    }

    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw Errors.invalidArgument(field, "is required");
        }
        return text(field, value, max);
    }

    public static UUID id(String field, String value) {
        return Ids.parse(field, value);
    }

    /**
     * An optional id: absent, "" and the contract's all-zero UUID all mean "none" (sent on as "", which
     * the managers read as unset); anything else must be a UUID.
     */
    public static String optionalId(String field, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String id = Ids.parse(field, value).toString();
        return id.equals(PublicJson.NIL_ID) ? "" : id;
    }

    public static String webhookMethod(String value) {
        String method = value == null ? "" : value;
        if (!WEBHOOK_METHODS.contains(method)) {
            throw Errors.invalidArgument("webhook_method", "must be one of \"\", POST, GET, PUT, DELETE");
        }
        return method;
    }

    public static String webhookUri(String value) {
        String uri = text("webhook_uri", value, 2048);
        if (uri.isEmpty()) {
            return uri;
        }
        try {
            URI parsed = new URI(uri);
            if (!("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()))
                    || parsed.getHost() == null || parsed.getHost().isBlank()) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw Errors.invalidArgument("webhook_uri", "must be an absolute http(s) URI with a host");
        }
        return uri;
    }

    /** page_size (default and max 100; above 100 is refused) and page_token from the query. */
    public static PageRequest page(String pageSize, String pageToken) {
        int size = 0;
        if (pageSize != null && !pageSize.isBlank()) {
            try {
                size = Integer.parseInt(pageSize.trim());
            } catch (NumberFormatException e) {
                throw Errors.invalidArgument("page_size", "must be an integer");
            }
            if (size < 1) {
                throw Errors.invalidArgument("page_size", "must be at least 1");
            }
        }
        PageRequest page = PageRequest.newBuilder().setPageSize(size)
                .setPageToken(text("page_token", pageToken, 256)).build();
        Paging.size(page); // refuses > 100 naming page_size
        return page;
    }
}
