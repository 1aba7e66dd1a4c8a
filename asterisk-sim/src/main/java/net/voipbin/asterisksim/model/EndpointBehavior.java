package net.voipbin.asterisksim.model;

import java.util.List;

/** How a dialled number behaves (PUT /sim/endpoints/{number}). */
public record EndpointBehavior(String result, long answerAfterMs, long hangupAfterMs, List<ScriptedDtmf> dtmf) {

    public static final List<String> RESULTS = List.of("answer", "busy", "noanswer", "reject", "fail");
    public static final EndpointBehavior DEFAULT = new EndpointBehavior("answer", 0, 0, List.of());

    public record ScriptedDtmf(String digits, long afterMs) {
    }
}
