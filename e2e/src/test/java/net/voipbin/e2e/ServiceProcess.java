package net.voipbin.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged manager running as its own JVM process, as an operator would run a replica. */
final class ServiceProcess implements AutoCloseable {

    /** Where the packaged services are: this checkout, or VOIPBIN_E2E_REPO to test another build. */
    static final Path REPO = Path.of(System.getenv().getOrDefault("VOIPBIN_E2E_REPO",
            System.getProperty("voipbin.repo", ".."))).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    static Path jar(String module) {
        return REPO.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static ServiceProcess start(String module, String name, int port, Map<String, String> env) throws IOException {
        Path log = REPO.resolve("e2e/target/e2e-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-jar", jar(module).toString()));
        if (module.equals("call-manager")) {
            // call-manager resolves the hosts of https media before Asterisk plays them; this machine has no DNS.
            command.add(1, "-Djdk.net.hosts.file=" + REPO.resolve("e2e/src/test/resources/media-hosts"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The tests' receivers (webhooks, fetch servers) listen on this machine, which the egress policy refuses.
        builder.environment().put("VOIPBIN_EGRESS_ALLOW_NETWORKS", "127.0.0.1/32");
        // Each manager as its own least-privilege broker and database user, as deployed (deploy/provision).
        builder.environment().putAll(LeastPrivilege.get().credentials(module));
        // The development JWT key, the bootstrap passwords and the ARI password, which production refuses (and
        // guest and root where the users above could not be made).
        builder.environment().put("VOIPBIN_SECURITY_ALLOW_DEFAULT_CREDENTIALS", "true");
        builder.environment().putAll(env);
        return new ServiceProcess(name, port, builder.start());
    }

    int get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends {@code method path} with a JSON body (or none) and returns the response body; fails unless 2xx. */
    String send(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    String body(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see e2e/target/e2e-logs/" + name + ".log");
            }
            if (get("/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ", see e2e/target/e2e-logs/" + name + ".log");
    }

    /** SIGKILL: the replica dies at once, with whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: graceful shutdown; returns whether it exited within the timeout. */
    boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process ended within {@code timeout}, else -1 (still running). */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String log() throws IOException {
        return Files.readString(REPO.resolve("e2e/target/e2e-logs/" + name + ".log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
