package net.voipbin.common.amqp;

import java.util.Map;

/** Reading AMQP header values, which arrive as LongString or Integer/Long rather than String/long. */
public final class Headers {

    public static final String REQUEST_ID = "x-request-id";
    public static final String DEADLINE = "x-deadline";
    public static final String GRPC_STATUS = "grpc-status";
    public static final String GRPC_MESSAGE = "grpc-message";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String RETRY_COUNT = "x-retry-count";

    private Headers() {
    }

    public static String string(Map<String, Object> headers, String name) {
        if (headers == null) {
            return null;
        }
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    public static long number(Map<String, Object> headers, String name, long fallback) {
        if (headers == null) {
            return fallback;
        }
        Object value = headers.get(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
