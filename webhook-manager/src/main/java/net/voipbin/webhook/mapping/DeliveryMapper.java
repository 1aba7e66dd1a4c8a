package net.voipbin.webhook.mapping;

import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.webhook.model.WebhookDelivery;

/** Delivery rows to their proto; the body is not echoed back (the caller has it). */
public final class DeliveryMapper {

    private DeliveryMapper() {
    }

    public static net.voipbin.proto.webhook.v1.WebhookDelivery toProto(WebhookDelivery d) {
        return net.voipbin.proto.webhook.v1.WebhookDelivery.newBuilder()
                .setId(Ids.format(d.id))
                .setCustomerId(Ids.format(d.customerId))
                .setUri(d.uri)
                .setMethod(d.method)
                .setStatus(d.status)
                .setAttempts(d.attempts)
                .setHttpCode(d.httpCode == null ? 0 : d.httpCode)
                .setError(d.error == null ? "" : d.error)
                .setTmLastAttempt(TimeFormat.format(d.tmLastAttempt))
                .setTmNextAttempt(TimeFormat.format(d.tmNextAttempt))
                .setTmCreate(TimeFormat.format(d.tmCreate))
                .build();
    }
}
