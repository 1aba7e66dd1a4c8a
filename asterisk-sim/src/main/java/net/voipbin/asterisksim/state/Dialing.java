package net.voipbin.asterisksim.state;

import jakarta.inject.Singleton;
import net.voipbin.asterisksim.model.AriException;
import net.voipbin.asterisksim.model.Causes;
import net.voipbin.asterisksim.model.EndpointBehavior;
import net.voipbin.asterisksim.model.SimChannel;

import java.util.LinkedHashMap;
import java.util.Map;

import static net.voipbin.asterisksim.state.Options.blankToNull;
import static net.voipbin.asterisksim.state.Options.endpointHost;
import static net.voipbin.asterisksim.state.Options.endpointNumber;
import static net.voipbin.asterisksim.state.Options.firstNonBlank;
import static net.voipbin.asterisksim.state.Options.parseLong;
import static net.voipbin.asterisksim.state.Options.splitArgs;
import static net.voipbin.asterisksim.state.Options.str;

/**
 * Outgoing channels: originate (create and dial), create-then-dial, and how the dialled endpoint answers, refuses or
 * rings out as scripted in {@link Endpoints}. Dial events carry {@code peer} (the dialled channel) and its progress.
 */
@Singleton
public class Dialing {
    private final SimStore store;
    private final Channels channels;
    private final Endpoints endpoints;
    private final Hangups hangups;
    private final Dtmf dtmf;

    public Dialing(SimStore store, Channels channels, Endpoints endpoints, Hangups hangups, Dtmf dtmf) {
        this.store = store;
        this.channels = channels;
        this.endpoints = endpoints;
        this.hangups = hangups;
        this.dtmf = dtmf;
    }

    /** POST /channels (dial = true) and POST /channels/create (dial = false, StasisStart at once); the new channel's ARI model. */
    public Map<String, Object> originate(Map<String, Object> p, boolean dial) {
        return store.locked(() -> {
            String endpoint = str(p, "endpoint");
            if (endpoint == null || endpoint.isBlank()) {
                throw new AriException(400, "Endpoint must be specified");
            }
            String app = str(p, "app");
            if (!dial && (app == null || app.isBlank())) {
                throw new AriException(400, "Application must be specified");
            }
            String id = firstNonBlank(str(p, "channelId"), str(p, "channel_id"));
            store.requireFreeChannelId(id);
            SimChannel ch = store.newChannel(id, endpointNumber(endpoint));
            ch.direction = "outgoing";
            ch.endpoint = endpoint;
            ch.number = endpointNumber(endpoint);
            ch.connectedNumber = ch.number;
            String callerId = str(p, "callerId");
            if (callerId != null) {
                parseCallerId(ch, callerId);
            }
            ChannelControls.setVariablesQuiet(ch, p.get("variables"));
            ch.app = blankToNull(app);
            ch.args = splitArgs(str(p, "appArgs"));
            String timeout = str(p, "timeout");
            ch.dialTimeoutSec = timeout == null || timeout.isBlank() ? 30 : parseLong(timeout, "timeout");
            channels.register(ch);
            if (dial) {
                startDial(ch);
            } else {
                channels.enterStasis(ch);
            }
            return ch.snapshot();
        });
    }

    /** POST /channels/{id}/dial: only a created (Down), not yet dialled channel. */
    public void dial(String id, Map<String, Object> p) {
        store.locked(() -> {
            SimChannel ch = channels.channel(id);
            if (!"Down".equals(ch.state) || ch.dialing) {
                throw new AriException(409, "Channel is not in the 'Down' state");
            }
            String timeout = str(p, "timeout");
            if (timeout != null && !timeout.isBlank()) {
                long t = parseLong(timeout, "timeout");
                ch.dialTimeoutSec = t > 0 ? t : 30;
            }
            startDial(ch);
        });
    }

    private void startDial(SimChannel ch) {
        ch.dialing = true;
        dialEvent(ch, "");
        String host = ch.endpoint == null ? null : endpointHost(ch.endpoint);
        EndpointBehavior b = endpoints.behaviorFor(ch.number, host);
        long timeoutMs = ch.dialTimeoutSec * 1000;
        switch (b.result()) {
            case "busy" -> store.later(ch, 1, () -> dialFailed(ch, Causes.USER_BUSY));
            case "reject" -> store.later(ch, 1, () -> dialFailed(ch, Causes.CALL_REJECTED));
            case "fail" -> store.later(ch, 1, () -> dialFailed(ch, Causes.CONGESTION));
            case "noanswer" -> store.later(ch, 1, () -> {
                ringing(ch);
                // hangup_after_ms on a noanswer endpoint: the far end stops ringing first (its own ring timeout).
                long giveUp = b.hangupAfterMs() > 0 ? Math.min(b.hangupAfterMs(), timeoutMs) : timeoutMs;
                store.later(ch, giveUp, () -> dialFailed(ch, Causes.NO_ANSWER));
            });
            default -> store.later(ch, 1, () -> {
                ringing(ch);
                if (b.answerAfterMs() >= timeoutMs) {
                    store.later(ch, timeoutMs, () -> dialFailed(ch, Causes.NO_ANSWER));
                } else if (b.answerAfterMs() <= 0) {
                    answered(ch, b);
                } else {
                    store.later(ch, b.answerAfterMs(), () -> answered(ch, b));
                }
            });
        }
    }

    private void ringing(SimChannel ch) {
        channels.setState(ch, "Ringing");
        dialEvent(ch, "RINGING");
    }

    /** ARI Dial: {@code peer} is the dialled channel, {@code dialstatus} "" when dialling starts, then its progress and result. */
    private void dialEvent(SimChannel ch, String status) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("dialstatus", status);
        f.put("dialstring", ch.endpoint == null ? "" : ch.endpoint.substring(ch.endpoint.indexOf('/') + 1));
        f.put("peer", ch.snapshot());
        store.emit("Dial", f);
    }

    private void answered(SimChannel ch, EndpointBehavior b) {
        ch.dialing = false;
        channels.setState(ch, "Up");
        dialEvent(ch, "ANSWER");
        if (!ch.inStasis && ch.app != null) {
            channels.enterStasis(ch);
        }
        for (EndpointBehavior.ScriptedDtmf d : b.dtmf()) {
            dtmf.later(ch, d.afterMs(), d.digits());
        }
        if (b.hangupAfterMs() > 0) {
            store.later(ch, b.hangupAfterMs(), () -> hangups.hangup(ch, Causes.NORMAL_CLEARING, true));
        }
    }

    /** The far end refused: no hangup request, the channel just goes (leaving Stasis first if it was in it). */
    private void dialFailed(SimChannel ch, int cause) {
        ch.dialing = false;
        dialEvent(ch, switch (cause) {
            case Causes.USER_BUSY -> "BUSY";
            case Causes.NO_ANSWER -> "NOANSWER";
            case Causes.CONGESTION -> "CONGESTION";
            default -> "CHANUNAVAIL";
        });
        hangups.hangup(ch, cause, false);
    }

    /** {@code "Name" <num>} or a bare number. */
    private static void parseCallerId(SimChannel ch, String callerId) {
        int lt = callerId.indexOf('<');
        int gt = callerId.indexOf('>');
        if (lt >= 0 && gt > lt) {
            ch.callerName = callerId.substring(0, lt).trim().replace("\"", "");
            ch.callerNumber = callerId.substring(lt + 1, gt).trim();
        } else {
            ch.callerNumber = callerId.trim();
        }
    }
}
