package net.voipbin.api.testing;

import io.grpc.Status;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.common.rpc.EventLoopContexts;
import net.voipbin.common.rpc.RpcDispatcher;
import net.voipbin.common.rpc.RpcMetrics;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.call.v1.Call;
import net.voipbin.proto.call.v1.CallToggleRequest;
import net.voipbin.proto.call.v1.CreateCallsRequest;
import net.voipbin.proto.call.v1.CreateCallsResponse;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.GetCallRequest;
import net.voipbin.proto.call.v1.GetNumberRequest;
import net.voipbin.proto.call.v1.HangupCallRequest;
import net.voipbin.proto.call.v1.ListCallsRequest;
import net.voipbin.proto.call.v1.ListCallsResponse;
import net.voipbin.proto.call.v1.ListNumbersRequest;
import net.voipbin.proto.call.v1.ListNumbersResponse;
import net.voipbin.proto.call.v1.MutinyCallServiceGrpc;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.MuteRequest;
import net.voipbin.proto.call.v1.MutinyOutboundConfigServiceGrpc;
import net.voipbin.proto.call.v1.OutboundConfig;
import net.voipbin.proto.call.v1.GetOutboundConfigRequest;
import net.voipbin.proto.call.v1.UpdateOutboundConfigRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsResponse;
import net.voipbin.proto.call.v1.SendDtmfRequest;
import net.voipbin.common.rpc.RequestIds;
import net.voipbin.proto.call.v1.Number;
import net.voipbin.proto.call.v1.UpdateNumberRequest;
import net.voipbin.proto.common.v1.PageResponse;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.FlowAction;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.GetFlowRequest;
import net.voipbin.proto.flow.v1.ListFlowsRequest;
import net.voipbin.proto.flow.v1.ListFlowsResponse;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.queue.v1.CreateQueueRequest;
import net.voipbin.proto.queue.v1.GetQueueRequest;
import net.voipbin.proto.queue.v1.ListQueuesRequest;
import net.voipbin.proto.queue.v1.ListQueuesResponse;
import net.voipbin.proto.queue.v1.MutinyQueueServiceGrpc;
import net.voipbin.proto.queue.v1.Queue;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.proto.storage.v1.GetFileRequest;
import net.voipbin.proto.storage.v1.ListFilesRequest;
import net.voipbin.proto.storage.v1.ListFilesResponse;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;
import net.voipbin.proto.transfer.v1.GetTransferRequest;
import net.voipbin.proto.transfer.v1.MutinyTransferServiceGrpc;
import net.voipbin.proto.transfer.v1.Transfer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * In-memory stand-ins for call-manager (CallService, NumberService) and flow-manager (FlowService),
 * served on the test namespace's request queues. They enforce customer_id as the real ones do
 * (another customer's id is NOT_FOUND). Recordings are left UNIMPLEMENTED (proves the 501 path).
 * Also storage-manager (StorageService get/list; files are seeded with {@link #seedFile}), queue-manager
 * (QueueService create/get/list, validating like the real one) and transfer-manager (GetTransfer only, as the
 * real one; transfers are seeded with {@link #seedTransfer}).
 */
@jakarta.inject.Singleton
public class FakeManagers {

    public static final String INSUFFICIENT = "+15550000402";
    public static final String DOWN = "+15550000503";

    final Map<String, Call> calls = new ConcurrentHashMap<>();
    final Map<String, Number> numbers = new ConcurrentHashMap<>();
    final Map<String, Flow> flows = new ConcurrentHashMap<>();
    final Map<String, Activeflow> activeflows = new ConcurrentHashMap<>();
    final Map<String, String> idempotency = new ConcurrentHashMap<>();
    final Map<String, OutboundConfig> outbound = new ConcurrentHashMap<>();
    final Map<String, File> files = new ConcurrentHashMap<>();
    final Map<String, Queue> queues = new ConcurrentHashMap<>();
    final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    /** The x-request-id each CreateCalls arrived with, by idempotency key. */
    public final Map<String, String> requestIds = new ConcurrentHashMap<>();
    public final Map<String, UpdateOutboundConfigRequest> lastUpdates = new ConcurrentHashMap<>();
    /** The last CreateCalls each customer sent (the options the gateway mapped from the public body). */
    public final Map<String, CreateCallsRequest> lastCreateCalls = new ConcurrentHashMap<>();

    void onStart(@Observes StartupEvent event, AmqpConnection amqp, BrokerNames names, Vertx vertx) {
        EventLoopContexts contexts = new EventLoopContexts(vertx, 2);
        RpcMetrics metrics = new RpcMetrics(null, "fake");
        new RpcDispatcher(amqp, names.requestQueue("call-manager"), 10, Duration.ofSeconds(10),
                List.of(new FakeCalls(), new FakeNumbers(), new FakeOutboundConfigs(), new FakeAvailableNumbers()), contexts, metrics).start();
        new RpcDispatcher(amqp, names.requestQueue("flow-manager"), 10, Duration.ofSeconds(10),
                List.of(new FakeFlows()), contexts, metrics).start();
        new RpcDispatcher(amqp, names.requestQueue("storage-manager"), 10, Duration.ofSeconds(10),
                List.of(new FakeStorage()), contexts, metrics).start();
        new RpcDispatcher(amqp, names.requestQueue("queue-manager"), 10, Duration.ofSeconds(10),
                List.of(new FakeQueues()), contexts, metrics).start();
        new RpcDispatcher(amqp, names.requestQueue("transfer-manager"), 10, Duration.ofSeconds(10),
                List.of(new FakeTransfers()), contexts, metrics).start();
    }

    /** A stored file of the customer (what call-manager's recordings hand to storage-manager). */
    public File seedFile(String customerId, String name, String uriDownload) {
        String id = Ids.newId().toString();
        File f = File.newBuilder().setId(id).setCustomerId(customerId).setReferenceType("recording")
                .setReferenceId(Ids.newId().toString()).setName(name).setFilename(name + ".wav").setFilesize(1234)
                .setUriDownload(uriDownload)
                .setTmDownloadExpire(uriDownload.startsWith("http") ? TimeFormat.format(TimeFormat.now().plusSeconds(3600)) : "")
                .setTmCreate(TimeFormat.format(TimeFormat.now())).build();
        files.put(id, f);
        return f;
    }

    /** A blind transfer of the customer to one tel address. */
    public Transfer seedTransfer(String customerId) {
        Transfer t = Transfer.newBuilder().setId(Ids.newId().toString()).setCustomerId(customerId).setType("blind")
                .setTransfererCallId(Ids.newId().toString())
                .addTransfereeAddressesJson("{\"type\":\"tel\",\"target\":\"+15557778888\"}")
                .setStatus("calling").setTmCreate(TimeFormat.format(TimeFormat.now())).build();
        transfers.put(t.getId(), t);
        return t;
    }

    final Map<String, net.voipbin.proto.call.v1.AvailableNumber> inventory = new ConcurrentHashMap<>();

    /** The inventory as call-manager keeps it (provision is idempotent; list by country, number order). */
    class FakeAvailableNumbers extends net.voipbin.proto.call.v1.MutinyAvailableNumberServiceGrpc.AvailableNumberServiceImplBase {
        @Override
        public Uni<net.voipbin.proto.call.v1.AvailableNumber> provisionAvailableNumber(
                net.voipbin.proto.call.v1.ProvisionAvailableNumberRequest r) {
            return Uni.createFrom().item(() -> inventory.computeIfAbsent(r.getNumber(), n -> net.voipbin.proto.call.v1.AvailableNumber
                    .newBuilder().setNumber(n).setCountry("US").setRegion(r.getRegion()).setPostalCode(r.getPostalCode())
                    .addAllFeatures(r.getFeaturesCount() == 0 ? List.of("voice") : r.getFeaturesList()).build()));
        }

        @Override
        public Uni<net.voipbin.proto.call.v1.AvailableNumber> removeAvailableNumber(
                net.voipbin.proto.call.v1.RemoveAvailableNumberRequest r) {
            return Uni.createFrom().item(() -> {
                var removed = inventory.remove(r.getNumber());
                if (removed == null) {
                    throw Status.NOT_FOUND.withDescription("available number " + r.getNumber() + " not found").asRuntimeException();
                }
                return removed;
            });
        }

        @Override
        public Uni<net.voipbin.proto.call.v1.ListAvailableNumbersResponse> listAvailableNumbers(
                net.voipbin.proto.call.v1.ListAvailableNumbersRequest r) {
            return Uni.createFrom().item(() -> net.voipbin.proto.call.v1.ListAvailableNumbersResponse.newBuilder()
                    .addAllNumbers(inventory.values().stream().filter(n -> n.getCountry().equalsIgnoreCase(r.getCountryCode()))
                            .sorted(Comparator.comparing(net.voipbin.proto.call.v1.AvailableNumber::getNumber)).toList()).build());
        }
    }

    class FakeStorage extends MutinyStorageServiceGrpc.StorageServiceImplBase {
        @Override
        public Uni<File> getFile(GetFileRequest r) {
            return Uni.createFrom().item(() -> owned(files, Ids.parse("id", r.getId()).toString(), r.getCustomerId(),
                    File::getCustomerId, "file"));
        }

        @Override
        public Uni<ListFilesResponse> listFiles(ListFilesRequest r) {
            return Uni.createFrom().item(() -> {
                StringBuilder next = new StringBuilder();
                List<File> page = page(files, r.getCustomerId(), File::getCustomerId, File::getId, r.getPage(), next);
                return ListFilesResponse.newBuilder().addAllFiles(page)
                        .setPage(PageResponse.newBuilder().setNextPageToken(next.toString())).build();
            });
        }
    }

    class FakeQueues extends MutinyQueueServiceGrpc.QueueServiceImplBase {
        @Override
        public Uni<Queue> createQueue(CreateQueueRequest r) {
            return Uni.createFrom().item(() -> {
                Ids.parse("customer_id", r.getCustomerId());
                String routing = r.getRoutingMethod().isBlank() ? "random" : r.getRoutingMethod();
                if (!routing.equals("random")) {
                    throw Status.INVALID_ARGUMENT.withDescription("routing_method: must be one of [random]").asRuntimeException();
                }
                if (r.getWaitTimeoutMs() < 0 || r.getServiceTimeoutMs() < 0) {
                    throw Status.INVALID_ARGUMENT.withDescription("wait_timeout_ms: must not be negative").asRuntimeException();
                }
                r.getTagIdsList().forEach(t -> Ids.parse("tag_ids", t));
                Ids.parseOptional("wait_flow_id", r.getWaitFlowId());
                Queue q = Queue.newBuilder().setId(Ids.newId().toString()).setCustomerId(r.getCustomerId())
                        .setName(r.getName()).setDetail(r.getDetail()).setRoutingMethod(routing)
                        .addAllTagIds(r.getTagIdsList()).setWaitTimeoutMs(r.getWaitTimeoutMs())
                        .setServiceTimeoutMs(r.getServiceTimeoutMs()).setWaitFlowId(r.getWaitFlowId())
                        .setTmCreate(TimeFormat.format(TimeFormat.now())).build();
                queues.put(q.getId(), q);
                return q;
            });
        }

        @Override
        public Uni<Queue> getQueue(GetQueueRequest r) {
            return Uni.createFrom().item(() -> owned(queues, Ids.parse("id", r.getId()).toString(), r.getCustomerId(),
                    Queue::getCustomerId, "queue"));
        }

        @Override
        public Uni<ListQueuesResponse> listQueues(ListQueuesRequest r) {
            return Uni.createFrom().item(() -> {
                StringBuilder next = new StringBuilder();
                List<Queue> page = page(queues, r.getCustomerId(), Queue::getCustomerId, Queue::getId, r.getPage(), next);
                return ListQueuesResponse.newBuilder().addAllQueues(page)
                        .setPage(PageResponse.newBuilder().setNextPageToken(next.toString())).build();
            });
        }
    }

    /** GetTransfer only: the real transfer-manager answers UNIMPLEMENTED for StartTransfer. */
    class FakeTransfers extends MutinyTransferServiceGrpc.TransferServiceImplBase {
        @Override
        public Uni<Transfer> getTransfer(GetTransferRequest r) {
            return Uni.createFrom().item(() -> owned(transfers, Ids.parse("id", r.getId()).toString(), r.getCustomerId(),
                    Transfer::getCustomerId, "transfer"));
        }
    }

    static <T> T owned(Map<String, T> store, String id, String customerId, Function<T, String> owner, String what) {
        T item = store.get(id);
        if (item == null || !owner.apply(item).equals(customerId)) {
            throw Status.NOT_FOUND.withDescription(what + " " + id + " not found").asRuntimeException();
        }
        return item;
    }

    static <T> List<T> page(Map<String, T> store, String customerId, Function<T, String> owner, Function<T, String> id,
                            net.voipbin.proto.common.v1.PageRequest page, StringBuilder next) {
        int size = Paging.size(page);
        UUID after = Paging.after(page);
        List<T> rows = store.values().stream().filter(t -> owner.apply(t).equals(customerId))
                .filter(t -> after == null || UUID.fromString(id.apply(t)).compareTo(after) < 0)
                .sorted(Comparator.comparing((T t) -> UUID.fromString(id.apply(t))).reversed())
                .limit(size + 1L).toList();
        next.append(Paging.nextToken(rows, size, t -> UUID.fromString(id.apply(t))));
        return rows.subList(0, Math.min(size, rows.size()));
    }

    class FakeCalls extends MutinyCallServiceGrpc.CallServiceImplBase {
        @Override
        public Uni<CreateCallsResponse> createCalls(CreateCallsRequest r) {
            if (!r.getIdempotencyKey().isEmpty() && RequestIds.current() != null) {
                requestIds.put(r.getIdempotencyKey(), RequestIds.current());
            }
            lastCreateCalls.put(r.getCustomerId(), r);
            return Uni.createFrom().item(() -> {
                if (!r.getIdempotencyKey().isEmpty() && idempotency.containsKey(r.getCustomerId() + r.getIdempotencyKey())) {
                    return CreateCallsResponse.newBuilder().addCalls(calls.get(idempotency.get(r.getCustomerId()
                            + r.getIdempotencyKey()))).build();
                }
                if (!r.getFlowId().isEmpty()) {
                    owned(flows, r.getFlowId(), r.getCustomerId(), Flow::getCustomerId, "flow");
                }
                CreateCallsResponse.Builder out = CreateCallsResponse.newBuilder();
                for (var d : r.getDestinationsList()) {
                    if (d.getTarget().equals(INSUFFICIENT)) {
                        throw Status.FAILED_PRECONDITION.withDescription("insufficient balance").asRuntimeException();
                    }
                    if (d.getTarget().equals(DOWN)) {
                        throw Status.UNAVAILABLE.withDescription("no asterisk").asRuntimeException();
                    }
                    if (!d.getTarget().startsWith("+")) {
                        throw Status.INVALID_ARGUMENT.withDescription("destinations[0].target: is not an E.164 number")
                                .asRuntimeException();
                    }
                    Call call = Call.newBuilder().setId(Ids.newId().toString()).setCustomerId(r.getCustomerId())
                            .setFlowId(r.getFlowId().isEmpty() ? Ids.newId().toString() : r.getFlowId())
                            .setType("flow").setDirection("outgoing").setStatus("dialing")
                            .setSource(r.getSource()).setDestination(d).setMetadataJson("{}")
                            .setAction(FlowAction.newBuilder().setId(Ids.newId().toString()).setType("answer"))
                            .setTmCreate(TimeFormat.format(TimeFormat.now())).build();
                    calls.put(call.getId(), call);
                    if (!r.getIdempotencyKey().isEmpty()) {
                        idempotency.put(r.getCustomerId() + r.getIdempotencyKey(), call.getId());
                    }
                    out.addCalls(call);
                }
                return out.build();
            });
        }

        @Override
        public Uni<Call> getCall(GetCallRequest r) {
            return Uni.createFrom().item(() -> owned(calls, r.getId(), r.getCustomerId(), Call::getCustomerId, "call"));
        }

        @Override
        public Uni<ListCallsResponse> listCalls(ListCallsRequest r) {
            return Uni.createFrom().item(() -> {
                StringBuilder next = new StringBuilder();
                List<Call> page = page(calls, r.getCustomerId(), Call::getCustomerId, Call::getId, r.getPage(), next);
                return ListCallsResponse.newBuilder().addAllCalls(page)
                        .setPage(PageResponse.newBuilder().setNextPageToken(next.toString())).build();
            });
        }

        @Override
        public Uni<Call> hangupCall(HangupCallRequest r) {
            return Uni.createFrom().item(() -> {
                Call call = owned(calls, r.getId(), r.getCustomerId(), Call::getCustomerId, "call");
                Call done = call.toBuilder().setStatus("hangup").setHangupBy("local").setHangupReason("normal")
                        .setTmHangup(TimeFormat.format(TimeFormat.now())).build();
                calls.put(done.getId(), done);
                return done;
            });
        }

        @Override
        public Uni<Call> hold(CallToggleRequest r) {
            return Uni.createFrom().item(() -> {
                Call call = owned(calls, r.getId(), r.getCustomerId(), Call::getCustomerId, "call");
                if (call.getStatus().equals("hangup")) {
                    throw Status.FAILED_PRECONDITION.withDescription("call is not progressing").asRuntimeException();
                }
                return call;
            });
        }

        @Override
        public Uni<Call> mute(MuteRequest r) {
            return Uni.createFrom().item(() -> owned(calls, r.getId(), r.getCustomerId(), Call::getCustomerId, "call")
                    .toBuilder().setMuteDirection(r.getOn() ? r.getDirection() : "").build());
        }

        @Override
        public Uni<Call> sendDtmf(SendDtmfRequest r) {
            return Uni.createFrom().item(() -> owned(calls, r.getId(), r.getCustomerId(), Call::getCustomerId, "call"));
        }
    }

    class FakeOutboundConfigs extends MutinyOutboundConfigServiceGrpc.OutboundConfigServiceImplBase {
        OutboundConfig of(String customerId) {
            return outbound.computeIfAbsent(customerId, id -> OutboundConfig.newBuilder().setId(Ids.newId().toString())
                    .setCustomerId(id).setName("default").setCodecs("ulaw")
                    .setTmCreate(TimeFormat.format(TimeFormat.now())).build());
        }

        @Override
        public Uni<OutboundConfig> getOutboundConfig(GetOutboundConfigRequest r) {
            return Uni.createFrom().item(() -> of(r.getCustomerId()));
        }

        @Override
        public Uni<OutboundConfig> updateOutboundConfig(UpdateOutboundConfigRequest r) {
            return Uni.createFrom().item(() -> {
                lastUpdates.put(r.getCustomerId(), r);
                OutboundConfig.Builder b = of(r.getCustomerId()).toBuilder();
                for (String f : r.getUpdateMaskList()) {
                    switch (f) {
                        case "name" -> b.setName(r.getName());
                        case "detail" -> b.setDetail(r.getDetail());
                        case "codecs" -> b.setCodecs(r.getCodecs());
                        case "destination_whitelist" -> b.clearDestinationWhitelist().addAllDestinationWhitelist(r.getDestinationWhitelistList());
                        case "default_outgoing_source_number_id" -> {
                            String n = r.getDefaultOutgoingSourceNumberId();
                            if (!n.isEmpty()) {
                                owned(numbers, n, r.getCustomerId(), Number::getCustomerId, "number");
                            }
                            b.setDefaultOutgoingSourceNumberId(n);
                        }
                        default -> throw Status.INVALID_ARGUMENT.withDescription("update_mask: unknown field " + f).asRuntimeException();
                    }
                }
                OutboundConfig updated = b.setTmUpdate(TimeFormat.format(TimeFormat.now())).build();
                outbound.put(r.getCustomerId(), updated);
                return updated;
            });
        }

        @Override
        public Uni<ListOutboundConfigsResponse> listOutboundConfigs(ListOutboundConfigsRequest r) {
            return Uni.createFrom().item(() -> ListOutboundConfigsResponse.newBuilder().addOutboundConfigs(of(r.getCustomerId()))
                    .setPage(PageResponse.newBuilder().setNextPageToken("")).build());
        }
    }

    class FakeNumbers extends MutinyNumberServiceGrpc.NumberServiceImplBase {
        @Override
        public Uni<Number> createNumber(CreateNumberRequest r) {
            return Uni.createFrom().item(() -> {
                if (numbers.values().stream().anyMatch(n -> n.getNumber().equals(r.getNumber()) && n.getTmDelete().isEmpty())) {
                    throw Status.ALREADY_EXISTS.withDescription("number: " + r.getNumber() + " is already owned by a customer").asRuntimeException();
                }
                Number n = Number.newBuilder().setId(Ids.newId().toString()).setCustomerId(r.getCustomerId())
                        .setNumber(r.getNumber()).setType(r.getType().isEmpty() ? "normal" : r.getType())
                        .setCallFlowId(r.getCallFlowId()).setMessageFlowId(r.getMessageFlowId())
                        .setName(r.getName()).setDetail(r.getDetail()).setStatus("active")
                        .setMetadataJson("{\"rtp_debug\":false}")
                        .setTmCreate(TimeFormat.format(TimeFormat.now())).build();
                numbers.put(n.getId(), n);
                return n;
            });
        }

        @Override
        public Uni<Number> getNumber(GetNumberRequest r) {
            return Uni.createFrom().item(() -> owned(numbers, r.getId(), r.getCustomerId(), Number::getCustomerId, "number"));
        }

        @Override
        public Uni<ListNumbersResponse> listNumbers(ListNumbersRequest r) {
            return Uni.createFrom().item(() -> {
                StringBuilder next = new StringBuilder();
                List<Number> page = page(numbers, r.getCustomerId(), Number::getCustomerId, Number::getId, r.getPage(), next);
                return ListNumbersResponse.newBuilder().addAllNumbers(page)
                        .setPage(PageResponse.newBuilder().setNextPageToken(next.toString())).build();
            });
        }

        @Override
        public Uni<Number> updateNumber(UpdateNumberRequest r) {
            return Uni.createFrom().item(() -> {
                Number n = owned(numbers, r.getId(), r.getCustomerId(), Number::getCustomerId, "number").toBuilder()
                        .setName(r.getName()).setDetail(r.getDetail()).setCallFlowId(r.getCallFlowId())
                        .setMessageFlowId(r.getMessageFlowId()).setTmUpdate(TimeFormat.format(TimeFormat.now())).build();
                numbers.put(n.getId(), n);
                return n;
            });
        }

        @Override
        public Uni<Number> updateNumberMetadata(net.voipbin.proto.call.v1.UpdateNumberMetadataRequest r) {
            return Uni.createFrom().item(() -> {
                Number n = owned(numbers, r.getId(), r.getCustomerId(), Number::getCustomerId, "number").toBuilder()
                        .setMetadataJson("{\"rtp_debug\":" + r.getRtpDebug() + "}")
                        .setTmUpdate(TimeFormat.format(TimeFormat.now())).build();
                numbers.put(n.getId(), n);
                return n;
            });
        }

        @Override
        public Uni<Number> deleteNumber(GetNumberRequest r) {
            return Uni.createFrom().item(() -> {
                Number n = owned(numbers, r.getId(), r.getCustomerId(), Number::getCustomerId, "number").toBuilder()
                        .setStatus("deleted").setTmDelete(TimeFormat.format(TimeFormat.now())).build();
                numbers.remove(n.getId());
                return n;
            });
        }
    }

    class FakeFlows extends MutinyFlowServiceGrpc.FlowServiceImplBase {
        @Override
        public Uni<Flow> createFlow(CreateFlowRequest r) {
            return Uni.createFrom().item(() -> {
                if (r.getActionsList().stream().anyMatch(a -> a.getType().equals("bogus"))) {
                    throw Status.INVALID_ARGUMENT.withDescription("actions[0].type: unknown action type bogus")
                            .asRuntimeException();
                }
                Flow f = Flow.newBuilder().setId(Ids.newId().toString()).setCustomerId(r.getCustomerId()).setType("flow")
                        .setName(r.getName()).setDetail(r.getDetail()).addAllActions(r.getActionsList())
                        .setPersist(r.getPersist()).setOnCompleteFlowId(r.getOnCompleteFlowId())
                        .setTmCreate(TimeFormat.format(TimeFormat.now())).build();
                flows.put(f.getId(), f);
                return f;
            });
        }

        @Override
        public Uni<Flow> getFlow(GetFlowRequest r) {
            return Uni.createFrom().item(() -> owned(flows, r.getId(), r.getCustomerId(), Flow::getCustomerId, "flow"));
        }

        @Override
        public Uni<ListFlowsResponse> listFlows(ListFlowsRequest r) {
            return Uni.createFrom().item(() -> {
                StringBuilder next = new StringBuilder();
                List<Flow> page = page(flows, r.getCustomerId(), Flow::getCustomerId, Flow::getId, r.getPage(), next);
                return ListFlowsResponse.newBuilder().addAllFlows(page)
                        .setPage(PageResponse.newBuilder().setNextPageToken(next.toString())).build();
            });
        }

        @Override
        public Uni<Flow> deleteFlow(GetFlowRequest r) {
            return Uni.createFrom().item(() -> {
                Flow f = owned(flows, r.getId(), r.getCustomerId(), Flow::getCustomerId, "flow");
                flows.remove(f.getId());
                return f.toBuilder().setTmDelete(TimeFormat.format(TimeFormat.now())).build();
            });
        }

        @Override
        public Uni<Activeflow> createActiveflow(CreateActiveflowRequest r) {
            return Uni.createFrom().item(() -> {
                String flowId = r.getFlowId();
                if (!flowId.isEmpty()) {
                    owned(flows, flowId, r.getCustomerId(), Flow::getCustomerId, "flow");
                }
                if (!r.getExecute() || !r.getReferenceType().equals("api")) {
                    throw Status.INVALID_ARGUMENT.withDescription("reference_type: api runs must execute").asRuntimeException();
                }
                Activeflow a = Activeflow.newBuilder().setId(r.getId().isEmpty() ? Ids.newId().toString() : r.getId())
                        .setCustomerId(r.getCustomerId()).setFlowId(flowId.isEmpty() ? Ids.newId().toString() : flowId)
                        .setStatus("running").setReferenceType("api").setExecuteCount(1)
                        .setTmCreate(TimeFormat.format(TimeFormat.now())).build();
                activeflows.put(a.getId(), a);
                return a;
            });
        }

        @Override
        public Uni<Activeflow> getActiveflow(GetActiveflowRequest r) {
            return Uni.createFrom().item(() -> owned(activeflows, r.getId(), r.getCustomerId(), Activeflow::getCustomerId,
                    "activeflow"));
        }

        @Override
        public Uni<Activeflow> stopActiveflow(GetActiveflowRequest r) {
            return Uni.createFrom().item(() -> {
                Activeflow a = owned(activeflows, r.getId(), r.getCustomerId(), Activeflow::getCustomerId, "activeflow")
                        .toBuilder().setStatus("ended").build();
                activeflows.put(a.getId(), a);
                return a;
            });
        }
    }
}
