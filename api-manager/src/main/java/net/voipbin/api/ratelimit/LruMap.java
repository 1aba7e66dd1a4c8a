package net.voipbin.api.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A map of at most {@code capacity} entries that drops the least recently used one when full. One lock: the
 * work under it is a hash lookup and a relink, far below the cost of the request it guards.
 */
final class LruMap<K, V> {

    private final LinkedHashMap<K, V> entries;

    LruMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The entry of {@code key} (now the most recently used), created by {@code create} when absent. */
    synchronized V computeIfAbsent(K key, Function<K, V> create) {
        return entries.computeIfAbsent(key, create);
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
