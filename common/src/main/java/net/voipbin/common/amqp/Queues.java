package net.voipbin.common.amqp;

import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Queue declarations with the arguments section 10 asks for (quorum queues survive a broker node). */
public final class Queues {

    private Queues() {
    }

    public static void declareDurable(Channel channel, String name, String queueType) throws IOException {
        declareDurable(channel, name, queueType, Map.of());
    }

    public static void declareDurable(Channel channel, String name, String queueType, Map<String, Object> extra)
            throws IOException {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("x-queue-type", queueType);
        channel.queueDeclare(name, true, false, false, args);
    }
}
