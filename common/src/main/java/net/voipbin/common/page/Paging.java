package net.voipbin.common.page;

import net.voipbin.common.error.Errors;
import net.voipbin.proto.common.v1.PageRequest;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cursor paging over UUIDv7 ids (which sort by creation): lists are newest first, and the
 * opaque page token is the last id of the previous page.
 */
public final class Paging {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 100;

    private Paging() {
    }

    public static int size(PageRequest page) {
        int size = page == null ? 0 : page.getPageSize();
        if (size < 0) {
            throw Errors.invalidArgument("page_size", "must not be negative");
        }
        if (size > MAX_SIZE) {
            throw Errors.invalidArgument("page_size", "must be at most " + MAX_SIZE);
        }
        return size == 0 ? DEFAULT_SIZE : size;
    }

    /** The id after which the page starts, or null for the first page. */
    public static UUID after(PageRequest page) {
        String token = page == null ? "" : page.getPageToken();
        if (token.isEmpty()) {
            return null;
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
            if (bytes.remaining() != 16) {
                throw new IllegalArgumentException();
            }
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (IllegalArgumentException e) {
            throw Errors.invalidArgument("page_token", "is not a token this API issued");
        }
    }

    public static String token(UUID lastId) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(lastId.getMostSignificantBits()).putLong(lastId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Next-page token for a page fetched with size+1 rows: empty when there is no further page. */
    public static <T> String nextToken(List<T> fetched, int size, Function<T, UUID> id) {
        return fetched.size() > size ? token(id.apply(fetched.get(size - 1))) : "";
    }
}
