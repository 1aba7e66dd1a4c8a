package net.voipbin.common.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Drives the local RabbitMQ from tests through rabbitmqctl, as an operator would. */
public final class Broker {

    private Broker() {
    }

    /** Closes every connection whose client-provided name contains {@code nameFragment}; returns how many. */
    public static int closeConnections(String nameFragment) throws Exception {
        int closed = 0;
        for (String line : rabbitmqctl("-q", "list_connections", "--no-table-headers", "pid", "client_properties")) {
            if (line.contains(nameFragment)) {
                String pid = line.substring(0, line.indexOf('>') + 1).trim();
                rabbitmqctl("close_connection", pid, "closed by test");
                closed++;
            }
        }
        return closed;
    }

    private static List<String> rabbitmqctl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("rabbitmqctl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + lines);
        }
        return lines;
    }
}
