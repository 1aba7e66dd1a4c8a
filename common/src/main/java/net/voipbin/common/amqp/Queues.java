package net.voipbin.common.amqp;

import com.rabbitmq.client.Channel;
import net.voipbin.common.config.VoipbinConfig;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Queue declarations with the arguments section 10 asks for (quorum queues survive a broker node). */
public final class Queues {

    private Queues() {
    }

    public static void declareDurable(Channel channel, String name, VoipbinConfig.Amqp settings) throws IOException {
        declareDurable(channel, name, settings, Map.of());
    }

    public static void declareDurable(Channel channel, String name, VoipbinConfig.Amqp settings,
                                      Map<String, Object> extra) throws IOException {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("x-queue-type", settings.queueType());
        settings.queueExpires().ifPresent(expires -> args.put("x-expires", expires.toMillis()));
        channel.queueDeclare(name, true, false, false, args);
    }
}
