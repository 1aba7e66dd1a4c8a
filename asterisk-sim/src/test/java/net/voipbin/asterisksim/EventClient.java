package net.voipbin.asterisksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test ARI event client (java.net.http WebSocket) that keeps every frame it receives. */
final class EventClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, List<JsonNode>> byChannel = new java.util.concurrent.ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    EventClient(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, this).get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode e = MAPPER.readTree(partial.toString());
                events.add(e);
                String id = e.path("channel").path("id").asText(null);
                for (String key : List.of("playback", "recording")) {
                    String target = e.path(key).path("target_uri").asText("");
                    if (target.startsWith("channel:")) {
                        id = target.substring(8);
                    }
                }
                if (id != null) {
                    byChannel.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(e);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    /** Events about one channel (channel.id, or playback target channel:<id>), in arrival order. */
    List<JsonNode> forChannel(String id) {
        return new ArrayList<>(byChannel.getOrDefault(id, List.of()));
    }

    List<String> types(String channelId) {
        return forChannel(channelId).stream().map(e -> e.get("type").asText()).toList();
    }

    /** Waits until an event about the channel matches, returns it. */
    JsonNode await(String channelId, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (JsonNode e : forChannel(channelId)) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching event for " + channelId + "; got " + types(channelId));
    }

    JsonNode awaitType(String channelId, String type) throws InterruptedException {
        return await(channelId, e -> type.equals(e.get("type").asText()));
    }

    /** Waits for any event matching (not tied to a channel). */
    JsonNode awaitAny(Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching event");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
