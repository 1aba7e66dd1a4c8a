package net.voipbin.webhook.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.webhook.v1.GetWebhookRequest;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SetWebhookRequest;
import net.voipbin.proto.webhook.v1.Webhook;
import net.voipbin.webhook.mapping.WebhookMapper;
import net.voipbin.webhook.service.WebhookService;

/** webhook-manager's RPC surface, served on bin-manager.webhook-manager.request. */
@GrpcService
public class WebhookRpcService extends MutinyWebhookServiceGrpc.WebhookServiceImplBase {

    private final WebhookService webhooks;

    public WebhookRpcService(WebhookService webhooks) {
        this.webhooks = webhooks;
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
}
