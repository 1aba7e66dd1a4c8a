package net.voipbin.common.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Another manager's exchange, made sure of before binding to it. A manager's broker user may configure only its
 * own names (deploy/provision/broker-definitions.sh), because configure also lets a user delete: so a subscriber
 * first looks for the exchange (a passive declare needs no permission) and declares it only when it is absent,
 * which only an administrator may (development and tests). In a deployment the provisioning declares every
 * event exchange at boot, so a subscriber may still start before its publisher.
 */
public final class Exchanges {

    private Exchanges() {
    }

    /** Uses {@code name} if it exists, else declares it with the arguments its publisher declares it with. */
    public static void useOrDeclare(Connection connection, Channel channel, String name, String type) throws IOException {
        if (exists(connection, name)) {
            return;
        }
        try {
            channel.exchangeDeclare(name, type, true, false, null);
        } catch (IOException refused) {
            throw new IOException("exchange " + name + " does not exist and this broker user may not declare it:"
                    + " provision it (deploy/provision/broker-definitions.sh) or start its publisher first", refused);
        }
    }

    /** A passive declare on a channel of its own: the broker closes the channel it fails on. */
    private static boolean exists(Connection connection, String name) throws IOException {
        Channel probe = connection.createChannel();
        try {
            probe.exchangeDeclarePassive(name);
            return true;
        } catch (IOException absent) {
            return false;
        } finally {
            if (probe.isOpen()) {
                try {
                    probe.close();
                } catch (TimeoutException | IOException ignored) {
                    // closing a probe channel; nothing depends on it
                }
            }
        }
    }
}
