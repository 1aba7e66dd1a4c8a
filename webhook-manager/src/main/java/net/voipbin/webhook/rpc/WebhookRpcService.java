package net.voipbin.webhook.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.Deadlines;
import net.voipbin.proto.webhook.v1.GetWebhookRequest;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SendWebhookRequest;
import net.voipbin.proto.webhook.v1.SetWebhookRequest;
import net.voipbin.proto.webhook.v1.Webhook;
import net.voipbin.proto.webhook.v1.WebhookDelivery;
import net.voipbin.webhook.mapping.DeliveryMapper;
import net.voipbin.webhook.mapping.WebhookMapper;
import net.voipbin.webhook.service.DeliveryService;
import net.voipbin.webhook.service.WebhookService;

import java.time.Instant;

/** webhook-manager's RPC surface, served on bin-manager.webhook-manager.request. */
@GrpcService
public class WebhookRpcService extends MutinyWebhookServiceGrpc.WebhookServiceImplBase {

    private final WebhookService webhooks;
    private final DeliveryService deliveries;

    public WebhookRpcService(WebhookService webhooks, DeliveryService deliveries) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @Override
    public Uni<Webhook> setWebhook(SetWebhookRequest request) {
        return Uni.createFrom().deferred(() -> webhooks.set(
                        Ids.parse("customer_id", request.getCustomerId()), request.getMethod(), request.getUri(),
                        request.getEventTypesList(), request.getSecret()))
                .map(WebhookMapper::toProto);
    }

    @Override
    public Uni<Webhook> getWebhook(GetWebhookRequest request) {
        return Uni.createFrom().deferred(() -> webhooks.get(Ids.parse("customer_id", request.getCustomerId())))
                .map(WebhookMapper::toProto);
    }

    @Override
    public Uni<WebhookDelivery> sendWebhook(SendWebhookRequest request) {
        // The caller's deadline, kept by the transport in the request's Vert.x context (nanoTime based).
        long deadlineNanos = Deadlines.current();
        Instant until = deadlineNanos == 0 ? null : Instant.now().plusNanos(deadlineNanos - System.nanoTime());
        return Uni.createFrom().deferred(() -> {
                    var reference = request.getReference();
                    boolean referenced = !reference.getActiveflowId().isEmpty();
                    return deliveries.send(new DeliveryService.Request(
                            Ids.parse("customer_id", request.getCustomerId()), request.getUri(), request.getMethod(),
                            request.getDataType(), request.getData().toByteArray(), request.getSync(),
                            referenced ? Ids.parse("reference.activeflow_id", reference.getActiveflowId()) : null,
                            reference.getActionId(), reference.getExecuteCount()), until);
                })
                .map(DeliveryMapper::toProto);
    }
}
