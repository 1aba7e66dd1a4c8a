package net.voipbin.e2e;

import com.rabbitmq.client.ConnectionFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every manager of an e2e run connects as its own broker and database user, made by the deployment's own
 * provisioning scripts ({@code deploy/provision/}): the suite passing is what proves those users' permissions are
 * enough, and {@link LeastPrivilegeIT} that they are no more. The users are made once per test JVM, with fresh
 * passwords, under a fixed prefix (re-runs update them rather than pile up), for every e2e namespace and the
 * {@code voipbin_<manager>_e2e} schemas.
 *
 * <p>On a machine where this process cannot administer the local broker and database ({@code rabbitmqctl} as an
 * administrator, {@code mysql -uroot} over the socket), the managers fall back to the machine's defaults and the
 * reason is printed; {@link LeastPrivilegeIT} then fails rather than skips when {@code CI} is set.
 */
final class LeastPrivilege {

    static final String USER_PREFIX = "e2e-";
    static final String SCHEMA_SUFFIX = "_e2e";
    /** The managers of deploy/provision/managers.sh, and whether each has a database. */
    static final Map<String, Boolean> MANAGERS = managers();

    private static final Path PROVISION = ServiceProcess.REPO.resolve("deploy/provision");
    private static volatile LeastPrivilege provisioned;

    final Map<String, String> amqpPasswords = new LinkedHashMap<>();
    final Map<String, String> dbPasswords = new LinkedHashMap<>();
    /** Why the users could not be made, or null when they were. */
    final String unavailable;

    private LeastPrivilege(String unavailable) {
        this.unavailable = unavailable;
    }

    private static Map<String, Boolean> managers() {
        Map<String, Boolean> managers = new LinkedHashMap<>();
        for (String m : List.of("api-manager", "billing-manager", "call-manager", "flow-manager", "queue-manager",
                "storage-manager", "transfer-manager", "webhook-manager")) {
            managers.put(m, true);
        }
        managers.put("asterisk-proxy", false);
        return managers;
    }

    static LeastPrivilege get() {
        LeastPrivilege users = provisioned;
        if (users == null) {
            synchronized (LeastPrivilege.class) {
                users = provisioned;
                if (users == null) {
                    users = provision();
                    provisioned = users;
                    if (users.unavailable != null) {
                        System.err.println("e2e: the managers run as the machine's default users: " + users.unavailable);
                    }
                }
            }
        }
        return users;
    }

    /** The environment that makes {@code module} connect as its own user; empty for a module with none. */
    Map<String, String> credentials(String module) {
        if (unavailable != null || !MANAGERS.containsKey(module)) {
            return Map.of();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VOIPBIN_AMQP_USERNAME", USER_PREFIX + module);
        env.put("VOIPBIN_AMQP_PASSWORD", amqpPasswords.get(module));
        if (MANAGERS.get(module)) {
            env.put("VOIPBIN_DB_USERNAME", USER_PREFIX + module);
            env.put("VOIPBIN_DB_PASSWORD", dbPasswords.get(module));
        }
        return env;
    }

    private static LeastPrivilege provision() {
        LeastPrivilege users = new LeastPrivilege(null);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VOIPBIN_PROVISION_USER_PREFIX", USER_PREFIX);
        env.put("VOIPBIN_PROVISION_SCHEMA_SUFFIX", SCHEMA_SUFFIX);
        env.put("VOIPBIN_PROVISION_NAMESPACE_REGEX", "e2e-[0-9a-f-]+");
        MANAGERS.forEach((manager, hasDatabase) -> {
            String variable = manager.replace('-', '_').toUpperCase();
            users.amqpPasswords.put(manager, randomSecret());
            env.put("VOIPBIN_AMQP_PASSWORD_" + variable, users.amqpPasswords.get(manager));
            if (hasDatabase) {
                users.dbPasswords.put(manager, randomSecret());
                env.put("VOIPBIN_DB_PASSWORD_" + variable, users.dbPasswords.get(manager));
            }
        });
        try {
            Path definitions = Files.createTempFile("e2e-broker-definitions", ".json");
            try {
                run(List.of("bash", PROVISION.resolve("broker-definitions.sh").toString()), env, null, definitions);
                // The broker reads the file itself (as its own OS user); it holds salted hashes only.
                Files.setPosixFilePermissions(definitions, PosixFilePermissions.fromString("rw-r--r--"));
                run(List.of("rabbitmqctl", "-q", "import_definitions", definitions.toString()), Map.of(), null, null);
            } finally {
                Files.deleteIfExists(definitions);
            }
            Path sql = Files.createTempFile("e2e-database-users", ".sql");
            try {
                run(List.of("bash", PROVISION.resolve("database-users.sh").toString()), env, null, sql);
                run(List.of("mysql", "-uroot"), Map.of(), sql, null);
            } finally {
                Files.deleteIfExists(sql);
            }
            users.awaitBrokerUser("call-manager");
            return users;
        } catch (IOException | RuntimeException e) {
            return new LeastPrivilege(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new LeastPrivilege("interrupted");
        }
    }

    /** rabbitmqctl's import is asynchronous: wait until a user it makes can log in. */
    private void awaitBrokerUser(String manager) throws InterruptedException, IOException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setUsername(USER_PREFIX + manager);
        factory.setPassword(amqpPasswords.get(manager));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (var ignored = factory.newConnection("e2e-least-privilege-check")) {
                return;
            } catch (Exception notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("the imported broker user " + factory.getUsername() + " cannot log in: " + notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void run(List<String> command, Map<String, String> env, Path input, Path output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        if (output != null) {
            builder.redirectOutput(output.toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            throw new IOException(command.get(0) + " is not available: " + notInstalled.getMessage(), notInstalled);
        }
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + errors.trim());
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
