package net.voipbin.flow.client;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.flow.config.FlowConfig;
import net.voipbin.proto.webhook.v1.DeliveryReference;
import net.voipbin.proto.webhook.v1.MutinyWebhookServiceGrpc;
import net.voipbin.proto.webhook.v1.SendWebhookRequest;
import net.voipbin.proto.webhook.v1.WebhookDelivery;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * webhook-manager as flow-manager sees it: webhook_send hands its request over (signing, retries and the delivery
 * history live there). Every call has a deadline, so a dead receiver or a dead webhook-manager holds a flow at most
 * that long.
 */
@ApplicationScoped
public class WebhookClient {

    private final RpcClient rpc;
    private final FlowConfig.Webhook config;

    public WebhookClient(RpcClient rpc, FlowConfig config) {
        this.rpc = rpc;
        this.config = config.webhook();
    }

    /**
     * Hands one request to webhook-manager. The activeflow, its action and the step number make the idempotency
     * key: a retried step does not send twice, a loop back to the same action does send again.
     */
    public Uni<WebhookDelivery> send(UUID customerId, UUID activeflowId, String actionId, long executeCount,
                                     String uri, String method, String dataType, byte[] data, boolean sync) {
        Duration deadline = sync ? config.syncDeadline() : config.asyncDeadline();
        return MutinyWebhookServiceGrpc.newMutinyStub(rpc.channel("webhook-manager"))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .sendWebhook(SendWebhookRequest.newBuilder()
                        .setCustomerId(Ids.format(customerId))
                        .setUri(uri)
                        .setMethod(method)
                        .setDataType(dataType)
                        .setData(ByteString.copyFrom(data))
                        .setSync(sync)
                        .setReference(DeliveryReference.newBuilder()
                                .setActiveflowId(Ids.format(activeflowId))
                                .setActionId(actionId)
                                .setExecuteCount(executeCount))
                        .build());
    }
}
