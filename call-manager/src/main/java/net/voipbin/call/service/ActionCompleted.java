package net.voipbin.call.service;

import java.util.UUID;

/**
 * The narrow port by which completions reach the flow handshake: action number {@code seq} of the
 * call is done (playback finished, DTMF input complete, bridge left, recording finished, timeout).
 * Services that observe a completion return it; the listener or timer that called them hands it to
 * {@link FlowHandshake#complete}, so no service calls back up into the handshake.
 */
public record ActionCompleted(UUID callId, int seq) {
}
