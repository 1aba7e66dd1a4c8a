package net.voipbin.flow.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Flow variables in MariaDB (table activeflow_variable, one row per activeflow and name). */
@ApplicationScoped
public class VariableStore {

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.toString();
    }

    public Uni<Map<String, String>> load(UUID activeflowId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT name, value FROM activeflow_variable WHERE activeflow_id = ?1", Object[].class)
                        .setParameter(1, bytes(activeflowId))
                        .getResultList())
                .map(rows -> {
                    Map<String, String> vars = new TreeMap<>();
                    for (Object[] row : rows) {
                        vars.put(text(row[0]), text(row[1]));
                    }
                    return vars;
                });
    }

    /** Upserts {@code keys} of {@code vars} in one statement. */
    public Uni<Void> save(UUID activeflowId, Map<String, String> vars, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> names = new ArrayList<>(keys);
        StringBuilder sql = new StringBuilder("INSERT INTO activeflow_variable (activeflow_id, name, value) VALUES ");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(2 + 2 * i).append(", ?").append(3 + 2 * i).append(')');
        }
        sql.append(" ON DUPLICATE KEY UPDATE value = VALUES(value)");
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createNativeQuery(sql.toString()).setParameter(1, bytes(activeflowId));
                    for (int i = 0; i < names.size(); i++) {
                        query.setParameter(2 + 2 * i, names.get(i));
                        query.setParameter(3 + 2 * i, vars.getOrDefault(names.get(i), ""));
                    }
                    return query.executeUpdate();
                })
                .replaceWithVoid();
    }

    public Uni<Void> delete(UUID activeflowId, String name) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "DELETE FROM activeflow_variable WHERE activeflow_id = ?1 AND name = ?2")
                        .setParameter(1, bytes(activeflowId))
                        .setParameter(2, name)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
