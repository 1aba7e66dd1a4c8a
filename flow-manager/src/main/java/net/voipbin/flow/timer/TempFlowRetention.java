package net.voipbin.flow.timer;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.DurableTimer;
import net.voipbin.common.db.DurableTimers;
import net.voipbin.common.db.TimerHandler;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.flow.config.FlowConfig;
import net.voipbin.flow.model.Activeflow;
import net.voipbin.flow.repository.ActiveflowRepository;
import net.voipbin.flow.repository.FlowRepository;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Retention of temporary flows (persist=false): armed when one is created
 * ({@code flow.tmp-flow-retention}, default 24 h); when it fires the flow is soft-deleted unless a
 * running activeflow still uses it (then it is re-armed). Ending an activeflow deletes its
 * temporary flow right away; this timer catches the ones no activeflow ever used.
 */
@ApplicationScoped
public class TempFlowRetention implements TimerHandler {

    public static final String KIND = "flow-tmp-retention";
    private static final Logger LOG = Logger.getLogger(TempFlowRetention.class);

    private final FlowRepository flows;
    private final ActiveflowRepository activeflows;
    private final DurableTimers timers;
    private final Duration retention;

    public TempFlowRetention(FlowRepository flows, ActiveflowRepository activeflows, DurableTimers timers, FlowConfig config) {
        this.flows = flows;
        this.activeflows = activeflows;
        this.timers = timers;
        this.retention = config.tmpFlowRetention();
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Arms the retention timer of a temporary flow (inside the creating transaction). */
    public Uni<UUID> arm(UUID customerId, UUID flowId) {
        return timers.schedule(KIND, flowId.toString(), customerId, "", TimeFormat.now().plus(retention));
    }

    @Override
    public Uni<Void> fire(DurableTimer timer) {
        UUID flowId = UUID.fromString(timer.key());
        return flows.findById(flowId).chain(flow -> {
            if (flow == null || flow.persist || flow.tmDelete != null) {
                return Uni.createFrom().voidItem();
            }
            return activeflows.count("flowId = ?1 and status = ?2", flowId, Activeflow.STATUS_RUNNING).chain(running -> {
                if (running > 0) {
                    return arm(flow.customerId, flowId).replaceWithVoid();
                }
                LOG.debugf("temporary flow %s expired", flowId);
                flow.tmUpdate = TimeFormat.now();
                flow.tmDelete = flow.tmUpdate;
                return Uni.createFrom().voidItem();
            });
        });
    }
}
