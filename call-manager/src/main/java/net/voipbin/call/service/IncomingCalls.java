package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.BillingClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.config.CallConfig;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.common.validation.PhoneNumbers;
import net.voipbin.proto.common.v1.Address;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Incoming calls: StasisStart with context call-in. The dialled number decides the tenant and the
 * flow; an unknown, inactive or flow-less number is refused with Q.850 cause 1 (unallocated number)
 * and leaves no call record. The call row and its activeflow id are written before the activeflow is
 * made, so a redelivered StasisStart finds the call and only finishes what is missing.
 */
@ApplicationScoped
public class IncomingCalls {

    private static final Logger LOG = Logger.getLogger(IncomingCalls.class);
    static final int CAUSE_UNALLOCATED = 1;
    static final int CAUSE_REJECTED = 21;

    private final CallRepository calls;
    private final NumberService numbers;
    private final CallEvents events;
    private final DurableTimers timers;
    private final AriClient ari;
    private final FlowClient flows;
    private final FlowHandshake handshake;
    private final CallLifecycle lifecycle;
    private final CallConfig config;
    private final BillingClient billing;
    private final Transactions tx;

    public IncomingCalls(CallRepository calls, NumberService numbers, CallEvents events, DurableTimers timers, AriClient ari,
                         FlowClient flows, FlowHandshake handshake, CallLifecycle lifecycle, CallConfig config, BillingClient billing, Transactions tx) {
        this.tx = tx;
        this.calls = calls;
        this.numbers = numbers;
        this.events = events;
        this.timers = timers;
        this.ari = ari;
        this.flows = flows;
        this.handshake = handshake;
        this.lifecycle = lifecycle;
        this.config = config;
        this.billing = billing;
    }

    public Uni<Void> onStasisStart(JsonNode channel, String asteriskId) {
        String channelId = channel.path("id").asText();
        String destination = channel.path("dialplan").path("exten").asText("");
        String caller = channel.path("caller").path("number").asText("");
        String callerName = channel.path("caller").path("name").asText("");
        return Panache.withSession(() -> calls.findByChannel(channelId)).chain(existing -> {
            if (existing != null) {
                return resume(existing);
            }
            if (!PhoneNumbers.isE164(destination)) {
                return reject(asteriskId, channelId, CAUSE_UNALLOCATED, "destination " + destination + " is not E.164");
            }
            return Panache.withSession(() -> numbers.findActiveByNumber(destination)).chain(number -> {
                if (number == null || number.callFlowId == null) {
                    return reject(asteriskId, channelId, CAUSE_UNALLOCATED,
                            number == null ? "no active number " + destination : "number " + destination + " has no call flow");
                }
                return billing.mayCall(number.customerId, country(caller))
                        .chain(verdict -> verdict.valid()
                                ? accept(number.customerId, number.callFlowId, channelId, asteriskId, caller, callerName, destination,
                                        channel.path("state").asText("Ring"))
                                : reject(asteriskId, channelId, CAUSE_REJECTED, "customer " + number.customerId + ": " + verdict.reason()));
            });
        });
    }

    private static String country(String number) {
        String r = PhoneNumbers.isE164(number) ? PhoneNumbers.region(number) : null;
        return r == null ? "" : r.toLowerCase();
    }

    private Uni<Void> reject(String asteriskId, String channelId, int cause, String why) {
        LOG.infof("incoming channel %s refused (cause %d): %s", channelId, cause, why);
        return ari.hangup(asteriskId, channelId, cause).replaceWithVoid();
    }

    private Uni<Void> accept(UUID customerId, UUID flowId, String channelId, String asteriskId, String caller, String callerName,
                             String destination, String state) {
        Call call = new Call();
        call.id = Ids.newId();
        call.customerId = customerId;
        call.flowId = flowId;
        call.activeflowId = Ids.newId();
        call.type = Call.TYPE_FLOW;
        call.direction = Call.DIRECTION_INCOMING;
        call.status = "Up".equals(state) ? Call.STATUS_PROGRESSING : Call.STATUS_RINGING;
        call.sourceJson = AddressJson.toJson(Address.newBuilder().setType(PhoneNumbers.isE164(caller) ? "tel" : "sip")
                .setTarget(caller).setTargetName(callerName).build());
        call.destinationJson = AddressJson.toJson(Address.newBuilder().setType("tel").setTarget(destination).setTargetName(destination).build());
        call.channelId = channelId;
        call.asteriskId = asteriskId;
        call.tmCreate = TimeFormat.now();
        return tx.retrying(() -> calls.persist(call)
                        .chain(() -> timers.schedule(CallLifecycle.TIMER_MAX_DURATION, call.id.toString(), customerId, "",
                                call.tmCreate.plus(config.maxDuration())))
                        .chain(() -> events.publish(CallEvents.CREATED, call)))
                .chain(() -> resume(call));
    }

    /** Makes the activeflow with the call variables (idempotent by id) and runs the first action. */
    private Uni<Void> resume(Call call) {
        if (call.action != null || call.actionSeq != 0 || call.isHangingUp()) {
            return Uni.createFrom().voidItem();
        }
        return flows.createActiveflow(call.customerId, call.activeflowId, call.id, call.flowId, List.of(), Map.of(),
                        FlowHandshake.callVariables(call))
                .chain(() -> handshake.next(call.id, 0, false))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("incoming call %s: flow could not start: %s", call.id, e.getMessage());
                    return tx.retrying(() -> calls.lockById(call.id).invoke(c -> c.requestedReason = "failed"))
                            .chain(() -> lifecycle.hangingUp(call.id, "failed")).replaceWithVoid();
                });
    }
}
