package net.voipbin.call.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.call.mapping.CallMapper;
import net.voipbin.call.mapping.RecordingMapper;
import net.voipbin.call.model.Confbridge;
import net.voipbin.call.service.CallCreator;
import net.voipbin.call.service.CallMedia;
import net.voipbin.call.service.CallService;
import net.voipbin.call.service.ConfbridgeService;
import net.voipbin.call.service.RecordingService;
import net.voipbin.common.db.Deadlocks;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.call.v1.ActionNextRequest;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.CallToggleRequest;
import net.voipbin.proto.call.v1.ChainedCallRequest;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.CreateCallsResponse;
import net.voipbin.proto.call.v1.CreateConfbridgeRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.GetConfbridgeRequest;
import net.voipbin.proto.call.v1.GetRecordingRequest;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.ListCallsRequest;
import net.voipbin.proto.call.v1.ListCallsResponse;
import net.voipbin.proto.call.v1.ListRecordingsRequest;
import net.voipbin.proto.call.v1.ListRecordingsResponse;
import net.voipbin.proto.call.v1.MuteRequest;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.call.v1.PlayRequest;
import net.voipbin.proto.call.v1.Recording;
import net.voipbin.proto.call.v1.SendDtmfRequest;
import net.voipbin.proto.call.v1.StartRecordingRequest;
import net.voipbin.proto.call.v1.TalkRequest;
import net.voipbin.proto.common.v1.PageResponse;

import java.util.UUID;
import java.util.function.Supplier;

/** call-manager's CallService, served on bin-manager.call-manager.request. */
@GrpcService
public class CallRpcService extends MutinyCallServiceGrpc.CallServiceImplBase {

    private final CallService calls;
    private final CallCreator creator;
    private final CallMedia media;
    private final RecordingService recordings;
    private final ConfbridgeService confbridges;

    public CallRpcService(CallService calls, CallCreator creator, CallMedia media, RecordingService recordings,
                          ConfbridgeService confbridges) {
        this.calls = calls;
        this.creator = creator;
        this.media = media;
        this.recordings = recordings;
        this.confbridges = confbridges;
    }

    private static <T> Uni<T> defer(Supplier<Uni<T>> work) {
        return Deadlocks.retry(work);
    }

    private static UUID customer(String value) {
        return Ids.parse("customer_id", value);
    }

    private static UUID id(String value) {
        return Ids.parse("id", value);
    }

    @Override
    public Uni<CreateCallsResponse> createCalls(CreateCallsRequest request) {
        return defer(() -> creator.create(request))
                .map(list -> CreateCallsResponse.newBuilder().addAllCalls(list.stream().map(CallMapper::toProto).toList()).build());
    }

    @Override
    public Uni<Call> getCall(GetCallRequest request) {
        return defer(() -> calls.get(customer(request.getCustomerId()), id(request.getId()))).map(CallMapper::toProto);
    }

    @Override
    public Uni<ListCallsResponse> listCalls(ListCallsRequest request) {
        return defer(() -> {
            UUID customerId = customer(request.getCustomerId());
            int size = Paging.size(request.getPage());
            return calls.list(customerId, Paging.after(request.getPage()), size + 1, request.getStatus(),
                            Ids.parseOptional("activeflow_id", request.getActiveflowId()))
                    .map(rows -> ListCallsResponse.newBuilder()
                            .addAllCalls(rows.stream().limit(size).map(CallMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, c -> c.id)))
                            .build());
        });
    }

    @Override
    public Uni<Call> hangupCall(HangupCallRequest request) {
        return defer(() -> calls.hangup(customer(request.getCustomerId()), id(request.getId()), request.getReason()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> deleteCall(GetCallRequest request) {
        return defer(() -> calls.delete(customer(request.getCustomerId()), id(request.getId()))).map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> hold(CallToggleRequest request) {
        return defer(() -> media.toggle(customer(request.getCustomerId()), id(request.getId()), "hold", request.getOn()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> moh(CallToggleRequest request) {
        return defer(() -> media.toggle(customer(request.getCustomerId()), id(request.getId()), "moh", request.getOn()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> silence(CallToggleRequest request) {
        return defer(() -> media.toggle(customer(request.getCustomerId()), id(request.getId()), "silence", request.getOn()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> mute(MuteRequest request) {
        return defer(() -> media.mute(customer(request.getCustomerId()), id(request.getId()), request.getOn(), request.getDirection()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> sendDtmf(SendDtmfRequest request) {
        return defer(() -> media.dtmf(customer(request.getCustomerId()), id(request.getId()), request.getDigits(),
                request.getDurationMs(), request.getIntervalMs())).map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> talk(TalkRequest request) {
        return defer(() -> media.talk(customer(request.getCustomerId()), id(request.getId()), request.getText(), request.getLanguage()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> play(PlayRequest request) {
        return defer(() -> media.play(customer(request.getCustomerId()), id(request.getId()), request.getMediaUrlsList()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> mediaStop(GetCallRequest request) {
        return defer(() -> media.mediaStop(customer(request.getCustomerId()), id(request.getId()))).map(CallMapper::toProto);
    }

    @Override
    public Uni<Recording> startRecording(StartRecordingRequest request) {
        return defer(() -> recordings.start(customer(request.getCustomerId()), id(request.getId()),
                new RecordingService.Options(request.getFormat().isEmpty() ? "wav" : request.getFormat(), request.getEndOfSilence(),
                        request.getEndOfKey(), request.getDuration(), request.getBeepStart(),
                        Ids.parseOptional("on_end_flow_id", request.getOnEndFlowId()))))
                .map(RecordingMapper::toProto);
    }

    @Override
    public Uni<Call> stopRecording(GetCallRequest request) {
        return defer(() -> recordings.stop(customer(request.getCustomerId()), id(request.getId()))).map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> actionNext(ActionNextRequest request) {
        return defer(() -> calls.actionNext(customer(request.getCustomerId()), id(request.getId()), request.getForce()))
                .map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> addChainedCall(ChainedCallRequest request) {
        return defer(() -> calls.addChained(customer(request.getCustomerId()), id(request.getId()),
                Ids.parse("chained_call_id", request.getChainedCallId()))).map(CallMapper::toProto);
    }

    @Override
    public Uni<Call> removeChainedCall(ChainedCallRequest request) {
        return defer(() -> calls.removeChained(customer(request.getCustomerId()), id(request.getId()),
                Ids.parse("chained_call_id", request.getChainedCallId()))).map(CallMapper::toProto);
    }

    @Override
    public Uni<net.voipbin.proto.call.v1.Confbridge> createConfbridge(CreateConfbridgeRequest request) {
        return defer(() -> confbridges.create(customer(request.getCustomerId()),
                Ids.parseOptional("activeflow_id", request.getActiveflowId()), request.getReferenceType(),
                Ids.parseOptional("reference_id", request.getReferenceId()), request.getType()))
                .map(CallRpcService::confbridge);
    }

    @Override
    public Uni<net.voipbin.proto.call.v1.Confbridge> getConfbridge(GetConfbridgeRequest request) {
        return defer(() -> confbridges.get(customer(request.getCustomerId()), id(request.getId()))).map(CallRpcService::confbridge);
    }

    static net.voipbin.proto.call.v1.Confbridge confbridge(Confbridge cb) {
        return net.voipbin.proto.call.v1.Confbridge.newBuilder()
                .setId(cb.id.toString())
                .setCustomerId(cb.customerId.toString())
                .setActiveflowId(Ids.format(cb.activeflowId))
                .setReferenceType(cb.referenceType)
                .setReferenceId(Ids.format(cb.referenceId))
                .setType(cb.type)
                .setStatus(cb.status)
                .setBridgeId(cb.bridgeId)
                .addAllCallIds(CallMapper.ids(cb.callIds).stream().map(UUID::toString).toList())
                .setTmCreate(TimeFormat.format(cb.tmCreate))
                .setTmUpdate(TimeFormat.format(cb.tmUpdate))
                .setTmDelete(TimeFormat.format(cb.tmDelete))
                .build();
    }

    @Override
    public Uni<Recording> getRecording(GetRecordingRequest request) {
        return defer(() -> recordings.get(customer(request.getCustomerId()), id(request.getId()))).map(RecordingMapper::toProto);
    }

    @Override
    public Uni<ListRecordingsResponse> listRecordings(ListRecordingsRequest request) {
        return defer(() -> {
            UUID customerId = customer(request.getCustomerId());
            int size = Paging.size(request.getPage());
            return recordings.list(customerId, Paging.after(request.getPage()), size + 1,
                            Ids.parseOptional("reference_id", request.getReferenceId()))
                    .map(rows -> ListRecordingsResponse.newBuilder()
                            .addAllRecordings(rows.stream().limit(size).map(RecordingMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, r -> r.id)))
                            .build());
        });
    }

    @Override
    public Uni<Recording> deleteRecording(GetRecordingRequest request) {
        return defer(() -> recordings.delete(customer(request.getCustomerId()), id(request.getId()))).map(RecordingMapper::toProto);
    }
}
