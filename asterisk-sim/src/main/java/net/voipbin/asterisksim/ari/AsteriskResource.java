package net.voipbin.asterisksim.ari;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.voipbin.asterisksim.config.SimConfig;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /ari/asterisk}: what a real Asterisk 20 answers about itself, in ARI's shapes. */
@Path("/ari/asterisk")
@Produces(MediaType.APPLICATION_JSON)
@Singleton
@Startup
public class AsteriskResource {

    /** ARI's time format ({@code 2026-11-24T10:15:30.123+0000}). */
    static final DateTimeFormatter ARI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    static final String VERSION = "20.0.0-sim";
    static final List<String> SECTIONS = List.of("build", "system", "config", "status");

    private final SimConfig config;
    private final Instant started = Instant.now();

    public AsteriskResource(SimConfig config) {
        this.config = config;
    }

    /** AsteriskInfo; {@code only} (comma-separated build, system, config, status) filters the sections. */
    @GET
    @Path("/info")
    public Response info(@QueryParam("only") String only) {
        List<String> wanted = SECTIONS;
        if (only != null && !only.isBlank()) {
            wanted = List.of(only.split(",")).stream().map(String::trim).toList();
            for (String section : wanted) {
                if (!SECTIONS.contains(section)) {
                    return Response.status(Response.Status.BAD_REQUEST)
                            .entity(Map.of("message", "only: unknown section '" + section + "'; one of " + SECTIONS))
                            .build();
                }
            }
        }
        Map<String, Object> info = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            if (wanted.contains(section)) {
                info.put(section, section(section));
            }
        }
        return Response.ok(info).build();
    }

    /** uname -m spelling, as Asterisk reports it (Java says amd64 where uname says x86_64). */
    private static String machine() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch;
        };
    }

    private Map<String, Object> section(String name) {
        Map<String, Object> section = new LinkedHashMap<>();
        switch (name) {
            case "build" -> {
                section.put("os", "Linux");
                section.put("kernel", System.getProperty("os.version", ""));
                section.put("machine", machine());
                section.put("options", "");
                section.put("date", ARI_TIME.format(started));
                section.put("user", "asterisk-sim");
            }
            case "system" -> {
                section.put("version", VERSION);
                section.put("entity_id", config.id());
            }
            case "config" -> {
                section.put("name", config.id());
                section.put("default_language", "en");
                section.put("setid", Map.of("user", "asterisk", "group", "asterisk"));
            }
            case "status" -> {
                section.put("startup_time", ARI_TIME.format(started));
                section.put("last_reload_time", ARI_TIME.format(started));
            }
            default -> throw new IllegalArgumentException(name);
        }
        return section;
    }
}
