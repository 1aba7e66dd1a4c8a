package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.BillingClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.config.CallConfig;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.common.validation.Addresses;
import net.voipbin.common.validation.PhoneNumbers;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.common.v1.Address;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Outgoing calls (CreateCalls): validated as a whole first (destinations, source per seed 000,
 * destination countries, balance, master), then one call per destination: its activeflow, the row
 * with its timers and call_created, and the ARI originate through any asterisk-proxy.
 */
@ApplicationScoped
public class CallCreator {

    private static final Set<String> ANONYMOUS = Set.of("", "yes", "no", "auto");
    private static final Set<String> METADATA_KEYS = Set.of("skip_source_validation", "codecs", "rtp_debug");

    private final CallRepository calls;
    private final CallEvents events;
    private final DurableTimers timers;
    private final FlowClient flows;
    private final SourceResolver sources;
    private final CallDialer dialer;
    private final CallConfig config;
    private final ObjectMapper json;
    private final BillingClient billing;
    private final Transactions tx;

    public CallCreator(CallRepository calls, CallEvents events, DurableTimers timers, FlowClient flows,
                       SourceResolver sources, CallDialer dialer, CallConfig config, ObjectMapper json, BillingClient billing, Transactions tx) {
        this.tx = tx;
        this.calls = calls;
        this.events = events;
        this.timers = timers;
        this.flows = flows;
        this.sources = sources;
        this.dialer = dialer;
        this.config = config;
        this.json = json;
        this.billing = billing;
    }

    private record Plan(int index, Address source, Address destination) {
    }

    public Uni<List<Call>> create(CreateCallsRequest req) {
        UUID customerId = Ids.parse("customer_id", req.getCustomerId());
        if (req.getDestinationsCount() == 0) {
            throw Errors.invalidArgument("destinations", "at least one destination is required");
        }
        if (req.getDestinationsCount() > 100) {
            throw Errors.invalidArgument("destinations", "at most 100 destinations per request");
        }
        for (int i = 0; i < req.getDestinationsCount(); i++) {
            Address d = Addresses.require("destinations[" + i + "]", req.getDestinations(i));
            if (!Addresses.TEL.equals(d.getType()) && !Addresses.SIP.equals(d.getType())) {
                throw Errors.invalidArgument("destinations[" + i + "].type", "'" + d.getType()
                        + "' destinations are not supported yet (groupcalls); use tel or sip");
            }
        }
        UUID flowId = Ids.parseOptional("flow_id", req.getFlowId());
        if (flowId == null && req.getActionsCount() == 0) {
            throw Errors.invalidArgument("flow_id", "either flow_id or actions is required");
        }
        if (!ANONYMOUS.contains(req.getAnonymous())) {
            throw Errors.invalidArgument("anonymous", "must be yes, no or auto");
        }
        int dialTimeout = req.getDialTimeoutMs() == 0 ? (int) config.dialTimeout().toMillis() : req.getDialTimeoutMs();
        if (dialTimeout < 1000 || dialTimeout > 600_000) {
            throw Errors.invalidArgument("dial_timeout_ms", "must be between 1000 and 600000");
        }
        long maxDurationMs = config.maxDuration().toMillis();
        if (req.getMaxDurationMs() != 0 && (req.getMaxDurationMs() < 1000 || req.getMaxDurationMs() > maxDurationMs)) {
            throw Errors.invalidArgument("max_duration_ms", "must be between 1000 and " + maxDurationMs);
        }
        UUID masterId = Ids.parseOptional("master_call_id", req.getMasterCallId());
        if (req.getIdempotencyKey().length() > 128) {
            throw Errors.invalidArgument("idempotency_key", "must be at most 128 characters");
        }
        String metadata = metadata(req.getMetadataJson());
        boolean skipSourceValidation = parse("metadata", metadata).path("skip_source_validation").asBoolean(false);
        Map<String, String> variables = sanitize(req.getVariablesMap());
        String key = req.getIdempotencyKey().isEmpty() ? null : req.getIdempotencyKey();

        Uni<List<Call>> existing = key == null ? Uni.createFrom().item(List.of())
                : Panache.withSession(() -> calls.findByIdempotencyKey(customerId, key));
        return existing.chain(found -> {
            if (!found.isEmpty()) {
                return Uni.createFrom().item(found);
            }
            // The balance is billing-manager's (an RPC); master and source checks are our database's:
            // both at once. (The database ones share a session, so those two stay in sequence.)
            // Both run to the end and the balance verdict comes first, so the answer does not depend on timing.
            Uni<Throwable> balance = checkBalance(customerId, req.getDestinations(0))
                    .replaceWith((Throwable) null).onFailure().recoverWithItem(e -> e);
            Uni<Object> planned = checkMaster(customerId, masterId).chain(() -> plan(customerId, req, skipSourceValidation))
                    .map(plans -> (Object) plans).onFailure().recoverWithItem(e -> e);
            return Uni.combine().all().unis(balance, planned).asTuple().chain(checked -> {
                if (checked.getItem1() != null) {
                    return Uni.createFrom().failure(checked.getItem1());
                }
                if (checked.getItem2() instanceof Throwable e) {
                    return Uni.createFrom().failure(e);
                }
                @SuppressWarnings("unchecked")
                List<Plan> plans = (List<Plan>) checked.getItem2();
                return createAll(customerId, req, plans, flowId, variables, metadata, dialTimeout, masterId, key);
            });
        });
    }

    private JsonNode parse(String field, String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw Errors.invalidArgument(field, "is not valid JSON");
        }
    }

    private String metadata(String metadataJson) {
        if (metadataJson.isBlank()) {
            return "{}";
        }
        JsonNode node = parse("metadata", metadataJson);
        if (!node.isObject()) {
            throw Errors.invalidArgument("metadata", "must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!METADATA_KEYS.contains(name)) {
                throw Errors.invalidArgument("metadata." + name, "unknown key; allowed: " + METADATA_KEYS);
            }
        }
        return node.toString();
    }

    /** Caller variables: keys trimmed, reserved voipbin.* dropped, bounded as the contract says. */
    static Map<String, String> sanitize(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, String> e : in.entrySet()) {
            String k = e.getKey().trim();
            if (k.isEmpty() || k.toLowerCase().startsWith("voipbin.")) {
                continue;
            }
            if (e.getValue().length() > 32 * 1024) {
                throw Errors.invalidArgument("variables." + k, "value longer than 32 KiB");
            }
            total += k.length() + e.getValue().length();
            out.put(k, e.getValue());
        }
        if (out.size() > 100) {
            throw Errors.invalidArgument("variables", "at most 100 keys");
        }
        if (total > 64 * 1024) {
            throw Errors.invalidArgument("variables", "at most 64 KiB in all");
        }
        return out;
    }

    private Uni<Boolean> checkBalance(UUID customerId, Address destination) {
        String country = Addresses.TEL.equals(destination.getType()) ? region(destination.getTarget()) : "";
        return billing.mayCall(customerId, country)
                .invoke(verdict -> {
                    if (!verdict.valid()) {
                        throw Errors.paymentRequired(verdict.reason().isEmpty()
                                ? "customer " + customerId + " has no billing account that can pay for a call" : verdict.reason());
                    }
                }).replaceWith(true);
    }

    private static String region(String e164) {
        String r = PhoneNumbers.region(e164);
        return r == null ? "" : r.toLowerCase();
    }

    private Uni<Void> checkMaster(UUID customerId, UUID masterId) {
        if (masterId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> calls.findForCustomer(customerId, masterId))
                .onItem().ifNull().failWith(() -> Errors.notFound("call", masterId))
                .invoke(master -> {
                    if (master.isHangingUp()) {
                        throw Errors.failedPrecondition("master call " + masterId + " is " + master.status + ": calls can be chained only to a live call");
                    }
                }).replaceWithVoid();
    }

    private Uni<List<Plan>> plan(UUID customerId, CreateCallsRequest req, boolean skipSourceValidation) {
        Uni<List<Plan>> chain = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < req.getDestinationsCount(); i++) {
            int index = i;
            Address destination = req.getDestinations(i);
            chain = chain.chain(list -> sources.checkDestinationAllowed(customerId, destination)
                    .chain(() -> sources.resolve(customerId, req.getSource(), destination, skipSourceValidation))
                    .map(source -> {
                        list.add(new Plan(index, source, destination));
                        return list;
                    }));
        }
        return chain;
    }

    private Uni<List<Call>> createAll(UUID customerId, CreateCallsRequest req, List<Plan> plans, UUID flowId,
                                      Map<String, String> variables, String metadata, int dialTimeout, UUID masterId, String key) {
        Uni<List<Call>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Plan p : plans) {
            chain = chain.chain(list -> createOne(customerId, req, p, flowId, variables, metadata, dialTimeout, masterId, key)
                    .map(call -> {
                        list.add(call);
                        return list;
                    }));
        }
        return chain;
    }

    private Uni<Call> createOne(UUID customerId, CreateCallsRequest req, Plan plan, UUID flowId,
                                Map<String, String> variables, String metadata, int dialTimeout, UUID masterId, String key) {
        Call call = new Call();
        call.id = Ids.newId();
        call.customerId = customerId;
        call.activeflowId = Ids.newId();
        call.type = Call.TYPE_FLOW;
        call.direction = Call.DIRECTION_OUTGOING;
        call.status = Call.STATUS_DIALING;
        call.sourceJson = AddressJson.toJson(plan.source());
        call.destinationJson = AddressJson.toJson(plan.destination());
        call.channelId = call.id.toString();
        call.masterCallId = masterId;
        call.metadata = metadata;
        call.earlyExecution = req.getEarlyExecution();
        call.connectLeg = req.getConnect() || masterId != null;
        call.anonymous = req.getAnonymous().isEmpty() ? "auto" : req.getAnonymous();
        call.dialTimeoutMs = dialTimeout;
        call.idempotencyKey = key;
        call.destinationIndex = plan.index();
        call.tmCreate = TimeFormat.now();
        return flows.createActiveflow(customerId, call.activeflowId, call.id, flowId, req.getActionsList(), variables,
                        FlowHandshake.callVariables(call))
                .chain(af -> {
                    call.flowId = Ids.parseOptional("flow_id", af.getFlowId());
                    return insert(call, req.getMaxDurationMs() == 0 ? config.maxDuration()
                            : Duration.ofMillis(req.getMaxDurationMs()));
                })
                .call(inserted -> dialer.originate(call));
    }

    /** Locks: the master call's row (chaining), then the new call's insert. */
    private Uni<Call> insert(Call call, Duration maxDuration) {
        return tx.retrying(() -> {
            Uni<Void> chainToMaster = call.masterCallId == null ? Uni.createFrom().voidItem()
                    : calls.lockById(call.masterCallId).chain(master -> {
                        if (master == null || master.isHangingUp()) {
                            throw Errors.failedPrecondition("master call " + call.masterCallId + " is "
                                    + (master == null ? "gone" : master.status) + ": calls can be chained only to a live call");
                        }
                        List<UUID> chained = new ArrayList<>(CallMapper.ids(master.chainedCallIds));
                        chained.add(call.id);
                        master.chainedCallIds = CallMapper.idsJson(chained);
                        master.tmUpdate = TimeFormat.now();
                        return events.publish(CallEvents.UPDATED, master);
                    });
            String timerKey = call.id.toString();
            return chainToMaster
                    .chain(() -> calls.persist(call))
                    .chain(() -> timers.schedule(CallLifecycle.TIMER_DIAL, timerKey, call.customerId, "",
                            call.tmCreate.plus(Duration.ofMillis(call.dialTimeoutMs))))
                    .chain(() -> timers.schedule(CallLifecycle.TIMER_MAX_DURATION, timerKey, call.customerId, "",
                            call.tmCreate.plus(maxDuration)))
                    .chain(() -> events.publish(CallEvents.CREATED, call))
                    .replaceWith(call);
        }).onFailure(e -> e.getMessage() != null && e.getMessage().contains("uq_call_idempotency"))
                .recoverWithUni(e -> flows.stop(call.customerId, call.activeflowId).onFailure().recoverWithNull()
                        .chain(() -> Panache.withSession(() -> calls.findByIdempotencyKey(call.customerId, call.idempotencyKey)))
                        .map(found -> found.stream().filter(c -> c.destinationIndex == call.destinationIndex).findFirst()
                                .orElseThrow(() -> Errors.alreadyExists("a call with this idempotency key is being created"))));
    }
}
