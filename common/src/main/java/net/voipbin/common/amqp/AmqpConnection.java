package net.voipbin.common.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;
import org.jboss.logging.Logger;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import net.voipbin.common.config.VoipbinConfig;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The process' one connection to RabbitMQ. The amqp-client's automatic recovery re-opens it
 * after a loss and re-declares every queue, exchange, binding and consumer declared through it;
 * until that has finished the connection reports itself down, so readiness says DOWN meanwhile.
 * The very first connect is retried here, since the client only recovers connections it once had.
 */
@ApplicationScoped
public class AmqpConnection {

    private static final Logger LOG = Logger.getLogger(AmqpConnection.class);

    /** Declares topology and consumers; runs once on the first connect (recovery repeats it). */
    @FunctionalInterface
    public interface Initializer {
        void init(Connection connection) throws Exception;
    }

    private final VoipbinConfig.Amqp settings;
    private final ConnectionFactory factory;
    private final String clientName;
    private final List<Initializer> initializers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector;
    private volatile Connection connection;
    private volatile boolean down = true;
    private volatile boolean initFailed;
    private volatile boolean closing;

    @Inject
    public AmqpConnection(VoipbinConfig config) {
        this(config.amqp(), config.serviceName() + config.namespace().map(ns -> " " + ns).orElse(""));
    }

    public AmqpConnection(VoipbinConfig.Amqp amqp, String clientName) {
        this.clientName = clientName;
        this.settings = amqp;
        this.factory = new ConnectionFactory();
        factory.setHost(amqp.host());
        factory.setPort(amqp.port());
        factory.setUsername(amqp.username());
        factory.setPassword(amqp.password());
        factory.setVirtualHost(amqp.virtualHost());
        factory.setRequestedHeartbeat(amqp.heartbeatSeconds());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(amqp.recoveryInterval().toMillis());
        factory.setConnectionTimeout(5000);
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "amqp-connector-" + clientName);
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        start();
    }

    /** Connects in the background, retrying until the broker answers. */
    public void start() {
        connector.execute(this::connectOrRetry);
    }

    private void connectOrRetry() {
        if (closing || connection != null) {
            return;
        }
        try {
            Connection c = factory.newConnection(clientName);
            ((AutorecoveringConnection) c).addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recoverable) {
                    down = false;
                    LOG.infof("broker connection recovered (%s)", clientName);
                }

                @Override
                public void handleRecoveryStarted(Recoverable recoverable) {
                    down = true;
                }
            });
            c.addShutdownListener(cause -> {
                if (!closing) {
                    down = true;
                    LOG.warnf("broker connection lost (%s): %s", clientName, cause.getMessage());
                }
            });
            synchronized (this) {
                connection = c;
                for (Initializer initializer : initializers) {
                    runInitializer(initializer, c);
                }
                down = false;
            }
            LOG.infof("connected to broker %s:%d (%s)", factory.getHost(), factory.getPort(), clientName);
        } catch (Exception e) {
            LOG.warnf("broker not reachable (%s), retrying: %s", clientName, e.getMessage());
            connector.schedule(this::connectOrRetry, factory.getNetworkRecoveryInterval(), TimeUnit.MILLISECONDS);
        }
    }

    private void runInitializer(Initializer initializer, Connection c) {
        try {
            initializer.init(c);
        } catch (Exception e) {
            initFailed = true;
            LOG.errorf(e, "declaring broker topology failed (%s)", clientName);
        }
    }

    /** Runs {@code initializer} now if connected, else on the first connect. */
    public synchronized void whenConnected(Initializer initializer) {
        initializers.add(initializer);
        if (connection != null) {
            runInitializer(initializer, connection);
        }
    }

    /** True while the connection is open and everything declared through it is attached. */
    public boolean isReady() {
        Connection c = connection;
        return c != null && !down && !initFailed && c.isOpen();
    }

    /** The broker settings this connection was made with (queue type and expiry for declarations). */
    public VoipbinConfig.Amqp settings() {
        return settings;
    }

    public boolean isInitFailed() {
        return initFailed;
    }

    public Connection connection() {
        Connection c = connection;
        if (c == null) {
            throw new IllegalStateException("not connected to the broker yet");
        }
        return c;
    }

    void onStop(@Observes @Priority(5000) ShutdownEvent event) {
        close();
    }

    public void close() {
        closing = true;
        connector.shutdownNow();
        Connection c = connection;
        if (c != null && c.isOpen()) {
            try {
                c.close(2000);
            } catch (Exception e) {
                LOG.debugf("closing broker connection: %s", e.getMessage());
            }
        }
    }
}
