package net.voipbin.call.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.client.AriClient;
import net.voipbin.call.client.FlowClient;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.model.Call;
import net.voipbin.call.model.Recording;
import net.voipbin.call.repository.CallRepository;
import net.voipbin.call.repository.RecordingRepository;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.asterisk.v1.AriRequest;
import net.voipbin.proto.asterisk.v1.MutinyAriServiceGrpc;
import net.voipbin.proto.storage.v1.CreateFileRequest;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
    private final FlowDriver driver;
    private final RpcClient rpc;
    private final MutinyStorageServiceGrpc.MutinyStorageServiceStub storage;

    public RecordingService(RecordingRepository recordings, CallRepository calls, CallEvents events, DurableTimers timers,
                            AriClient ari, FlowClient flows, FlowDriver driver, RpcClient rpc) {
        this.recordings = recordings;
        this.calls = calls;
        this.events = events;
        this.timers = timers;
        this.ari = ari;
        this.flows = flows;
        this.driver = driver;
        this.rpc = rpc;
        this.storage = MutinyStorageServiceGrpc.newMutinyStub(rpc.channel("storage-manager"));
    }

    public record Options(String format, int endOfSilence, String endOfKey, int duration, boolean beep, UUID onEndFlowId) {
        void validate() {
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

    /** recording_start: options in seconds, the action completes at once. */
    public Uni<Void> startForAction(Call call, JsonNode option) {
        Options options = new Options(option.path("format").asText("").isEmpty() ? "wav" : option.path("format").asText(),
                option.path("end_of_silence").asInt(0), option.path("end_of_key").asText(""),
                option.path("duration").asInt(0), option.path("beep_start").asBoolean(false),
                Ids.parseOptional("on_end_flow_id", option.path("on_end_flow_id").asText("")));
        options.validate();
        return begin(call, options, "", -1).replaceWithVoid();
    }

    /**
     * record_voice (seed spelling: duration and silence_timeout in ms, variable_name): the action
     * completes when the recording ends, with the recording in that flow variable.
     */
    public Uni<Void> recordVoice(Call call, JsonNode option) {
        String variable = option.path("variable_name").asText(option.path("variable").asText(""));
        if (variable.isEmpty()) {
            variable = "voipbin.record_voice.recording";
        }
        long durationMs = option.path("duration").asLong(30_000);
        long silenceMs = option.path("silence_timeout").asLong(0);
        Options options = new Options(option.path("format").asText("").isEmpty() ? "wav" : option.path("format").asText(),
                (int) Math.ceil(silenceMs / 1000.0), option.path("end_of_key").asText("#"),
                (int) Math.max(1, Math.ceil(durationMs / 1000.0)), option.path("beep_start").asBoolean(false), null);
        options.validate();
        return begin(call, options, variable, call.actionSeq).replaceWithVoid();
    }

    private Uni<Recording> begin(Call call, Options options, String flowVariable, int seq) {
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
        return Panache.withTransaction(() -> calls.lockById(call.id).chain(c -> {
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
                .onFailure().call(e -> Panache.withTransaction(() -> calls.lockById(call.id).invoke(c -> {
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

    /** Stops the call's current recording (RPC recording_stop and the recording_stop action). */
    public Uni<Void> stopCurrent(Call call) {
        if (call.recordingId == null) {
            return Uni.createFrom().voidItem();
        }
        UUID id = call.recordingId;
        return Panache.withTransaction(() -> recordings.findForCustomer(call.customerId, id).invoke(r -> {
                    if (r != null && !Recording.STATUS_ENDED.equals(r.status)) {
                        r.status = Recording.STATUS_STOPPING;
                        r.tmUpdate = TimeFormat.now();
                    }
                }))
                .chain(r -> r == null ? Uni.createFrom().voidItem() : ari.stopRecording(r.asteriskId, r.recordingName).replaceWithVoid());
    }

    public Uni<Call> stop(UUID customerId, UUID callId) {
        return Panache.withSession(() -> calls.findForCustomer(customerId, callId))
                .onItem().ifNull().failWith(() -> Errors.notFound("call", callId))
                .call(call -> {
                    if (call.recordingId == null) {
                        throw Errors.failedPrecondition("call " + callId + " has no recording in progress");
                    }
                    return stopCurrent(call);
                });
    }

    public Uni<Void> onStarted(String name) {
        return Panache.withTransaction(() -> recordings.lockByName(name).chain(r -> {
            if (r == null || !Recording.STATUS_INITIATING.equals(r.status)) {
                return Uni.createFrom().voidItem();
            }
            r.status = Recording.STATUS_RECORDING;
            r.tmStart = TimeFormat.now();
            r.tmUpdate = r.tmStart;
            return events.publish("recording_started", r)
                    .chain(() -> calls.findById(r.referenceId))
                    .chain(call -> call == null ? Uni.createFrom().voidItem() : events.publish(CallEvents.RECORDING_STARTED, call));
        }));
    }

    public Uni<Void> onFinished(String name, double durationSeconds) {
        return Panache.withTransaction(() -> recordings.lockByName(name).chain(r -> {
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
            return events.publish("recording_finished", r)
                    .chain(() -> timers.schedule(TIMER_STORE, r.id.toString(), r.customerId, "", TimeFormat.now()))
                    .chain(() -> calls.lockById(r.referenceId))
                    .chain(call -> {
                        if (call == null) {
                            return Uni.createFrom().voidItem();
                        }
                        if (r.id.equals(call.recordingId)) {
                            call.recordingId = null;
                            call.tmUpdate = TimeFormat.now();
                        }
                        return events.publish(CallEvents.RECORDING_FINISHED, call);
                    })
                    .replaceWith(r);
        })).chain(r -> {
            if (r == null || r.flowVariable.isEmpty() || r.activeflowId == null) {
                return Uni.createFrom().voidItem();
            }
            // record_voice: the recording goes into the flow variable (playable as recording:<name>), then the flow goes on.
            int seq = Integer.parseInt(r.actionId);
            return flows.setVariables(r.customerId, r.activeflowId, Map.of(
                            r.flowVariable, "recording:" + r.recordingName,
                            "voipbin.recording.id", r.id.toString(),
                            "voipbin.recording.format", r.format,
                            "voipbin.recording.recording_name", r.recordingName))
                    .chain(() -> driver.next(r.referenceId, seq, false));
        });
    }

    /** Hands the finished file to storage-manager; retried by the timer until it is stored. */
    public Uni<Void> store(UUID recordingId) {
        return Panache.withSession(() -> recordings.findById(recordingId)).chain(r -> {
            if (r == null || r.storageFileId != null) {
                return Uni.createFrom().voidItem();
            }
            var stub = MutinyAriServiceGrpc.newMutinyStub(rpc.channelToQueue("asterisk." + r.asteriskId + ".request"));
            return stub.withDeadlineAfter(10, TimeUnit.SECONDS).request(AriRequest.newBuilder().setMethod("GET")
                            .setUri("/ari/recordings/stored/" + r.recordingName + "/file").build())
                    .chain(file -> {
                        if (file.getStatusCode() != 200) {
                            throw Errors.failedPrecondition("asterisk " + r.asteriskId + " answered " + file.getStatusCode()
                                    + " for recording " + r.recordingName);
                        }
                        return storage.withDeadlineAfter(20, TimeUnit.SECONDS).createFile(CreateFileRequest.newBuilder()
                                .setCustomerId(r.customerId.toString())
                                .setReferenceType("recording")
                                .setReferenceId(r.id.toString())
                                .setName(r.recordingName)
                                .setFilename(r.filename())
                                .setContentType(file.getContentType().isEmpty() ? "audio/wav" : file.getContentType())
                                .setContent(ByteString.copyFrom(file.getBody().toByteArray()))
                                .build());
                    })
                    .chain(stored -> Panache.withTransaction(() -> recordings.lockByName(r.recordingName).invoke(rec -> {
                        rec.storageFileId = UUID.fromString(stored.getId());
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
        return Panache.withTransaction(() -> recordings.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("recording", id))
                .chain(r -> {
                    r.tmDelete = TimeFormat.now();
                    r.tmUpdate = r.tmDelete;
                    return events.publish("recording_deleted", r).replaceWith(r);
                }));
    }
}
