package net.voipbin.call.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.config.CallConfig;
import net.voipbin.call.mapping.AddressJson;
import net.voipbin.call.model.Call;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.common.validation.Addresses;
import net.voipbin.proto.common.v1.Address;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * Places an outgoing call on any Asterisk through its current route (CallCreator for a new call, the
 * ARI listener again after a route failed over); a failure to originate ends the call as failed.
 */
@ApplicationScoped
public class CallDialer {

    private static final Logger LOG = Logger.getLogger(CallDialer.class);

    private final CallRepository calls;
    private final AriClient ari;
    private final CallLifecycle lifecycle;
    private final CallConfig config;
    private final Transactions tx;

    public CallDialer(CallRepository calls, AriClient ari, CallLifecycle lifecycle, CallConfig config, Transactions tx) {
        this.tx = tx;
        this.calls = calls;
        this.ari = ari;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    public Uni<Void> originate(Call call) {
        Address source = AddressJson.fromJson(call.sourceJson);
        Address destination = AddressJson.fromJson(call.destinationJson);
        String endpoint = Addresses.TEL.equals(destination.getType())
                ? "PJSIP/call-out/sip:" + destination.getTarget() + "@"
                        + config.pstnHosts().get(Math.min(call.routeIndex, config.pstnHosts().size() - 1)) + ";transport=udp"
                : "PJSIP/call-out/" + (destination.getTarget().startsWith("sip:") || destination.getTarget().startsWith("sips:")
                ? destination.getTarget() : "sip:" + destination.getTarget());
        Map<String, String> vars = new HashMap<>();
        String callerId;
        boolean anonymous = "yes".equals(call.anonymous) && Addresses.TEL.equals(destination.getType());
        if (anonymous) {
            callerId = "\"Anonymous\" <anonymous>";
            vars.put("CALLERID(pres)", "prohib");
            vars.put("PJSIP_HEADER(add,P-Asserted-Identity)", "<tel:" + source.getTarget() + ">");
            vars.put("PJSIP_HEADER(add,Privacy)", "id");
        } else {
            String name = source.getTargetName().isEmpty() ? source.getName() : source.getTargetName();
            callerId = name.isEmpty() ? source.getTarget() : "\"" + name.replace("\"", "") + "\" <" + source.getTarget() + ">";
        }
        String args = "context_type=call,context=call-out,call_id=" + call.id + ",direction=outgoing";
        // Asterisk's own ring limit stays above ours, so our durable dial timeout decides (reason dialout).
        int ariTimeout = (int) Math.ceil(call.dialTimeoutMs / 1000.0) + 30;
        // Which Asterisk took the call is stored while it is being dialled (hangups must go to that one).
        return ari.originate(call.channelId, endpoint, args, callerId, ariTimeout, vars)
                .chain(created -> Uni.combine().all().unis(
                        ari.dial(created.asteriskId(), call.channelId, ariTimeout),
                        tx.retrying(() -> calls.lockById(call.id).invoke(c -> {
                            if (c.asteriskId == null || c.asteriskId.isEmpty()) {
                                c.asteriskId = created.asteriskId();
                            }
                        }))).discardItems())
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("call %s: originate failed: %s", call.id, e.getMessage());
                    return tx.retrying(() -> calls.lockById(call.id).invoke(c -> c.requestedReason = "failed"))
                            .chain(() -> lifecycle.finish(call.id, 34));
                });
    }
}
