package net.voipbin.common.amqp;

import com.rabbitmq.client.Channel;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Graceful shutdown of a consumer: stop taking deliveries, then let the ones in hand finish. */
public final class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    private Consumers() {
    }

    /** Cancels consumer {@code tag} on {@code channel}, then waits up to {@code drain} until {@code inFlight} is 0. */
    public static void cancelAndDrain(Channel channel, String tag, AtomicInteger inFlight, Duration drain) {
        if (channel != null && tag != null && channel.isOpen()) {
            try {
                channel.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("cancelling consumer %s: %s", tag, e.getMessage());
            }
        }
        long until = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
