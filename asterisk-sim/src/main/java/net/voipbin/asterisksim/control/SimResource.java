package net.voipbin.asterisksim.control;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import net.voipbin.asterisksim.ari.AriRequests;
import net.voipbin.asterisksim.events.EventHub;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.EndpointBehavior;
import net.voipbin.asterisksim.state.Channels;
import net.voipbin.asterisksim.state.Dtmf;
import net.voipbin.asterisksim.state.Endpoints;
import net.voipbin.asterisksim.state.Hangups;
import net.voipbin.asterisksim.state.InboundCalls;
import net.voipbin.asterisksim.state.SimStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /sim/*}: the control API that scripts and inspects the simulator (no credentials). */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@Singleton
public class SimResource {
    private final SimStore store;
    private final Endpoints endpoints;
    private final InboundCalls inbound;
    private final Channels channels;
    private final Hangups hangups;
    private final Dtmf dtmf;
    private final AriRequests requests;
    private final EventHub hub;

    public SimResource(SimStore store, Endpoints endpoints, InboundCalls inbound, Channels channels, Hangups hangups,
                       Dtmf dtmf, AriRequests requests, EventHub hub) {
        this.store = store;
        this.endpoints = endpoints;
        this.inbound = inbound;
        this.channels = channels;
        this.hangups = hangups;
        this.dtmf = dtmf;
        this.requests = requests;
        this.hub = hub;
    }

    @PUT
    @Path("/endpoints/{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> setEndpoint(@PathParam("number") String number, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        String result = b.get("result") == null ? "answer" : String.valueOf(b.get("result"));
        if (!EndpointBehavior.RESULTS.contains(result)) {
            throw new AriException(400, "result must be one of " + EndpointBehavior.RESULTS);
        }
        List<EndpointBehavior.ScriptedDtmf> dtmf = new ArrayList<>();
        if (b.get("dtmf") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && m.get("digits") != null) {
                    dtmf.add(new EndpointBehavior.ScriptedDtmf(String.valueOf(m.get("digits")), num(m.get("after_ms"))));
                } else {
                    throw new AriException(400, "dtmf items need digits (and after_ms)");
                }
            }
        }
        EndpointBehavior behavior = new EndpointBehavior(result, num(b.get("answer_after_ms")),
                num(b.get("hangup_after_ms")), List.copyOf(dtmf));
        endpoints.set(number, behavior);
        return view(number, behavior);
    }

    @GET
    @Path("/endpoints")
    public List<Map<String, Object>> endpoints() {
        List<Map<String, Object>> out = new ArrayList<>();
        endpoints.all().forEach((n, b) -> out.add(view(n, b)));
        return out;
    }

    @POST
    @Path("/calls")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> injectCall(Map<String, Object> body) {
        return Map.of("channel_id", inbound.inject(body == null ? Map.of() : body));
    }

    @GET
    @Path("/channels")
    public List<Map<String, Object>> channels() {
        return channels.simViews();
    }

    @GET
    @Path("/channels/{id}")
    public Map<String, Object> channel(@PathParam("id") String id) {
        return channels.simView(id);
    }

    @DELETE
    @Path("/channels/{id}")
    public Response hangup(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("cause") Integer cause) {
        hangups.hangup(id, cause == null ? 16 : cause);
        return Response.noContent().build();
    }

    @POST
    @Path("/channels/{id}/dtmf")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dtmf(@PathParam("id") String id, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        Object digits = b.get("digits");
        int duration = b.get("duration_ms") == null ? 100 : (int) num(b.get("duration_ms"));
        dtmf.inject(id, digits == null ? null : String.valueOf(digits), duration);
        return Response.noContent().build();
    }

    @GET
    @Path("/requests")
    public List<Map<String, Object>> requests() {
        return requests.list();
    }

    @DELETE
    @Path("/requests")
    public Response clearRequests() {
        requests.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("/websockets")
    public Map<String, Object> websockets() {
        return Map.of("connected", hub.clientCount(), "apps", hub.perApp());
    }

    @POST
    @Path("/websockets/close")
    public Map<String, Object> closeWebsockets(@jakarta.ws.rs.QueryParam("app") String app) {
        return Map.of("closed", hub.close(app));
    }

    @POST
    @Path("/reset")
    public Response reset() {
        store.reset();
        requests.clear();
        return Response.noContent().build();
    }

    private static Map<String, Object> view(String number, EndpointBehavior b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", number);
        m.put("result", b.result());
        m.put("answer_after_ms", b.answerAfterMs());
        m.put("hangup_after_ms", b.hangupAfterMs());
        m.put("dtmf", b.dtmf().stream().map(d -> Map.of("digits", d.digits(), "after_ms", d.afterMs())).toList());
        return m;
    }

    private static long num(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new AriException(400, "not a number: " + o);
        }
    }

    /**
     * Load generator for benchmarks: emits {@code count} ChannelVarset events spread over {@code channels}
     * synthetic channel ids (no channel state is kept), as fast as the event path takes them.
     */
    @POST
    @Path("/events/burst")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> burst(Map<String, Object> body) {
        int count = body == null || body.get("count") == null ? 1000 : ((Number) body.get("count")).intValue();
        int channels = body == null || body.get("channels") == null ? 100 : ((Number) body.get("channels")).intValue();
        if (count < 1 || count > 1_000_000 || channels < 1 || channels > 100_000) {
            throw new AriException(400, "count must be 1..1000000 and channels 1..100000");
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = "burst-" + (i % channels);
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("id", id);
            channel.put("name", "PJSIP/burst-" + (i % channels));
            channel.put("state", "Up");
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("variable", "BURST_SEQ");
            fields.put("value", Integer.toString(i));
            fields.put("channel", channel);
            hub.emit("ChannelVarset", fields);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("count", count);
        result.put("emit_ms", (System.nanoTime() - start) / 1_000_000.0);
        return result;
    }
}
