package net.voipbin.call.service;

import net.voipbin.call.service.HangupReasons;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hangup_reason table (call-manager notes section 2.3), plus the local reasons we keep. */
class HangupReasonsTest {

    @ParameterizedTest(name = "{0} {1} cause {2} requested ''{3}'' -> {4}/{5}")
    @CsvSource({
            "outgoing, progressing, 16, '', normal, remote",
            "outgoing, ringing, 17, '', busy, remote",
            "outgoing, ringing, 19, '', noanswer, remote",
            "outgoing, dialing, 21, '', noanswer, remote",
            "outgoing, dialing, 34, '', failed, remote",
            "outgoing, dialing, 0, '', dialout, remote",
            "outgoing, dialing, 26, '', normal, remote",
            "outgoing, canceling, 16, '', cancel, local",
            "outgoing, canceling, 19, dialout, dialout, local",
            "outgoing, terminating, 16, timeout, timeout, local",
            "outgoing, terminating, 16, normal, normal, local",
            "outgoing, progressing, 200, '', timeout, remote",
            "incoming, ringing, 19, '', noanswer, remote",
            "incoming, ringing, 17, '', busy, remote",
            "incoming, ringing, 16, '', normal, remote",
            "incoming, progressing, 16, '', normal, remote",
            "incoming, terminating, 16, '', normal, local",
    })
    void reasonAndSide(String direction, String status, int cause, String requested, String reason, String by) {
        assertEquals(reason, HangupReasons.reason(direction, status, cause, requested));
        assertEquals(by, HangupReasons.hangupBy(status));
    }
}
