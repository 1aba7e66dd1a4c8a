package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.client.StorageClient;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.model.Recording;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.repository.RecordingRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Recordings of calls: started on the call's channel (several per call, one at a time), followed
 * through RecordingStarted/Finished, and the finished file handed to storage-manager durably.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);
    public static final String TIMER_STORE = "recording.store";
    static final Set<String> FORMATS = Set.of("wav", "mp3", "ogg");
    static final Set<String> END_KEYS = Set.of("", "none", "any", "*", "#");

    private final RecordingRepository recordings;
    private final CallRepository calls;
    private final CallEvents events;
    private final DurableTimers timers;
    private final AriClient ari;
    private final FlowClient flows;
    private final StorageClient storage;
    private final Transactions tx;

    public RecordingService(RecordingRepository recordings, CallRepository calls, CallEvents events, DurableTimers timers,
                            AriClient ari, FlowClient flows, StorageClient storage, Transactions tx) {
        this.tx = tx;
        this.recordings = recordings;
        this.calls = calls;
        this.events = events;
        this.timers = timers;
        this.ari = ari;
        this.flows = flows;
        this.storage = storage;
    }

    public record Options(String format, int endOfSilence, String endOfKey, int duration, boolean beep, UUID onEndFlowId) {
        public void validate() {
            if (!FORMATS.contains(format)) {
                throw Errors.invalidArgument("format", "must be wav, mp3 or ogg");
            }
            if (endOfSilence < 0 || endOfSilence > 3600) {
                throw Errors.invalidArgument("end_of_silence", "must be between 0 and 3600 seconds");
            }
            if (!END_KEYS.contains(endOfKey)) {
                throw Errors.invalidArgument("end_of_key", "must be none, any, * or #");
            }
            if (duration < 0 || duration > 86_400) {
                throw Errors.invalidArgument("duration", "must be between 0 and 86400 seconds");
            }
        }
    }

    /** Starts a recording of a progressing call (RPC); the call's current recording must be finished. */
    public Uni<Recording> start(UUID customerId, UUID callId, Options options) {
        options.validate();
        return Panache.withSession(() -> calls.findForCustomer(customerId, callId))
                .onItem().ifNull().failWith(() -> Errors.notFound("call", callId))
                .chain(call -> {
                    if (!Call.STATUS_PROGRESSING.equals(call.status)) {
                        throw Errors.failedPrecondition("call " + callId + " is " + call.status + ", not progressing: recording needs an answered call");
                    }
                    return begin(call, options, "", -1);
                });
    }

    /**
     * Starts a recording of the call: the recording_start action (no flow variable, seq -1) and
     * record_voice (the variable the recording goes into, completing action {@code seq}). Locks: the
     * call's row, then the new recording's (CallRepository's order). A stored on_end_flow_id must be the
     * customer's own flow, checked before any row is written.
     */
    public Uni<Recording> begin(Call call, Options options, String flowVariable, int seq) {
        return flows.requireOwnedFlow(call.customerId, "on_end_flow_id", options.onEndFlowId())
                .chain(() -> beginOwned(call, options, flowVariable, seq));
    }

    private Uni<Recording> beginOwned(Call call, Options options, String flowVariable, int seq) {
        Recording r = new Recording();
        r.id = Ids.newId();
        r.customerId = call.customerId;
        r.ownerType = call.ownerType;
        r.ownerId = call.ownerId;
        r.activeflowId = call.activeflowId;
        r.referenceType = "call";
        r.referenceId = call.id;
        r.status = Recording.STATUS_INITIATING;
        r.format = options.format();
        r.onEndFlowId = options.onEndFlowId();
        r.recordingName = "call_" + call.id + "_" + r.id;
        r.asteriskId = call.asteriskId;
        r.channelId = call.channelId;
        r.flowVariable = flowVariable;
        r.actionId = seq < 0 ? "" : Integer.toString(seq);
        r.tmCreate = TimeFormat.now();
        return tx.retrying(() -> calls.lockById(call.id).chain(c -> {
            if (c.recordingId != null) {
                throw Errors.failedPrecondition("call " + call.id + " is already recording (" + c.recordingId + "): stop it first");
            }
            List<UUID> ids = new ArrayList<>(CallMapper.ids(c.recordingIds));
            ids.add(r.id);
            c.recordingIds = CallMapper.idsJson(ids);
            c.recordingId = r.id;
            c.tmUpdate = TimeFormat.now();
            return recordings.persist(r).chain(() -> events.publish(CallEvents.UPDATED, c));
        })).chain(() -> ari.record(call.asteriskId, call.channelId, r.recordingName, r.format,
                        options.duration(), options.endOfSilence(), terminateOn(options.endOfKey()), options.beep())
                .onFailure().call(e -> tx.retrying(() -> calls.lockById(call.id).invoke(c -> {
                    if (r.id.equals(c.recordingId)) {
                        c.recordingId = null;
                    }
                }).chain(() -> recordings.lockByName(r.recordingName)).invoke(rec -> {
                    rec.status = Recording.STATUS_ENDED;
                    rec.tmEnd = TimeFormat.now();
                })))).replaceWith(r);
    }

    private static String terminateOn(String endOfKey) {
        return switch (endOfKey) {
            case "", "none" -> "none";
            default -> endOfKey;
        };
    }

    /**
     * Stops the call's current recording (the RPC and the recording_stop action); emits whether there
     * was one. The call stops "recording" at once (recording_id cleared, the recording stopping), so a
     * recording_start right after begins a new recording while Asterisk finishes the old one.
     * Locks: the call's row, then the recording's.
     */
    public Uni<Boolean> stopCurrent(UUID callId) {
        return tx.retrying(() -> calls.lockById(callId).chain(call -> {
            if (call == null || call.recordingId == null) {
                return Uni.createFrom().item((Recording) null);
            }
            UUID id = call.recordingId;
            call.recordingId = null;
            call.tmUpdate = TimeFormat.now();
            return events.publish(CallEvents.UPDATED, call)
                    .chain(() -> recordings.lockById(id))
                    .invoke(r -> {
                        if (r != null && !Recording.STATUS_ENDED.equals(r.status)) {
                            r.status = Recording.STATUS_STOPPING;
                            r.tmUpdate = TimeFormat.now();
                        }
                    });
        })).chain(r -> r == null ? Uni.createFrom().item(false)
                : ari.stopRecording(r.asteriskId, r.recordingName).replaceWith(true));
    }

    public Uni<Call> stop(UUID customerId, UUID callId) {
        return Panache.withSession(() -> calls.findForCustomer(customerId, callId))
                .onItem().ifNull().failWith(() -> Errors.notFound("call", callId))
                .chain(call -> stopCurrent(call.id))
                .invoke(stopped -> {
                    if (!stopped) {
                        throw Errors.failedPrecondition("call " + callId + " has no recording in progress");
                    }
                })
                .chain(() -> Panache.withSession(() -> calls.findForCustomer(customerId, callId)));
    }

    /** RecordingStarted. Locks: the recording's call first, then the recording. */
    public Uni<Void> onStarted(String name) {
        return Panache.withSession(() -> recordings.findByName(name)).chain(found -> found == null ? Uni.createFrom().voidItem()
                : tx.retrying(() -> calls.lockById(found.referenceId).chain(call -> recordings.lockByName(name).chain(r -> {
                    if (r == null || !Recording.STATUS_INITIATING.equals(r.status)) {
                        return Uni.createFrom().voidItem();
                    }
                    r.status = Recording.STATUS_RECORDING;
                    r.tmStart = TimeFormat.now();
                    r.tmUpdate = r.tmStart;
                    return events.publish("recording_started", r)
                            .chain(() -> call == null ? Uni.createFrom().voidItem() : events.publish(CallEvents.RECORDING_STARTED, call));
                }))));
    }

    /**
     * RecordingFinished: the recording ended (stopped, end key, silence, duration or the channel gone);
     * its file is handed to storage-manager by a durable timer. For record_voice the recording goes
     * into the flow variable and the action is complete: emitted for the handshake (else null).
     * Locks: the recording's call first, then the recording.
     */
    public Uni<ActionCompleted> onFinished(String name, double durationSeconds) {
        return Panache.withSession(() -> recordings.findByName(name)).chain(found -> found == null ? Uni.createFrom().nullItem()
                : tx.retrying(() -> calls.lockById(found.referenceId).chain(call -> recordings.lockByName(name).chain(r -> {
                    if (r == null || Recording.STATUS_ENDED.equals(r.status)) {
                        return Uni.createFrom().item((Recording) null);
                    }
                    r.status = Recording.STATUS_ENDED;
                    r.tmEnd = TimeFormat.now();
                    if (r.tmStart == null) {
                        r.tmStart = r.tmEnd;
                    }
                    r.durationMs = Math.round(durationSeconds * 1000);
                    r.tmUpdate = r.tmEnd;
                    if (call != null && r.id.equals(call.recordingId)) {
                        call.recordingId = null;
                        call.tmUpdate = TimeFormat.now();
                    }
                    return events.publish("recording_finished", r)
                            .chain(() -> timers.schedule(TIMER_STORE, r.id.toString(), r.customerId, "", TimeFormat.now()))
                            .chain(() -> call == null ? Uni.createFrom().voidItem() : events.publish(CallEvents.RECORDING_FINISHED, call))
                            .replaceWith(r);
                }))))
                .chain(r -> {
                    if (r == null || r.flowVariable.isEmpty() || r.activeflowId == null) {
                        return Uni.createFrom().nullItem();
                    }
                    // record_voice: the recording goes into the flow variable (playable as recording:<name>), then the flow goes on.
                    int seq = Integer.parseInt(r.actionId);
                    return flows.setVariables(r.customerId, r.activeflowId, Map.of(
                                    r.flowVariable, "recording:" + r.recordingName,
                                    "voipbin.recording.id", r.id.toString(),
                                    "voipbin.recording.format", r.format,
                                    "voipbin.recording.recording_name", r.recordingName))
                            .replaceWith(new ActionCompleted(r.referenceId, seq));
                });
    }

    /** Hands the finished file to storage-manager; retried by the timer until it is stored. */
    public Uni<Void> store(UUID recordingId) {
        return Panache.withSession(() -> recordings.findById(recordingId)).chain(r -> {
            if (r == null || r.storageFileId != null) {
                return Uni.createFrom().voidItem();
            }
            return ari.storedRecordingFile(r.asteriskId, r.recordingName)
                    .chain(file -> {
                        if (file.status() != 200) {
                            throw Errors.failedPrecondition("asterisk " + r.asteriskId + " answered " + file.status()
                                    + " for recording " + r.recordingName);
                        }
                        return storage.storeRecording(r.customerId, r.id, r.recordingName, r.filename(),
                                file.contentType().isEmpty() ? "audio/wav" : file.contentType(), file.body());
                    })
                    .chain(fileId -> tx.retrying(() -> recordings.lockByName(r.recordingName).invoke(rec -> {
                        rec.storageFileId = fileId;
                        rec.tmUpdate = TimeFormat.now();
                    }))).replaceWithVoid()
                    .onFailure().invoke(e -> LOG.warnf("recording %s not stored yet: %s", r.id, e.getMessage()));
        });
    }

    public Uni<Recording> get(UUID customerId, UUID id) {
        return Panache.withSession(() -> recordings.findForCustomer(customerId, id))
                .onItem().ifNull().failWith(() -> Errors.notFound("recording", id));
    }

    public Uni<List<Recording>> list(UUID customerId, UUID after, int limit, UUID referenceId) {
        return Panache.withSession(() -> recordings.listFiltered(customerId, after, limit, referenceId));
    }

    public Uni<Recording> delete(UUID customerId, UUID id) {
        return tx.retrying(() -> recordings.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("recording", id))
                .chain(r -> {
                    r.tmDelete = TimeFormat.now();
                    r.tmUpdate = r.tmDelete;
                    return events.publish("recording_deleted", r).replaceWith(r);
                }));
    }
}
