package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.QueueManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.common.error.Errors;
import net.voipbin.proto.queue.v1.CreateQueueRequest;
import net.voipbin.proto.queue.v1.GetQueueRequest;
import net.voipbin.proto.queue.v1.ListQueuesRequest;
import net.voipbin.proto.queue.v1.Queue;

import java.util.List;
import java.util.Set;

/**
 * {@code /queues}: queue-manager's QueueService (create, get, list: all it serves) for the caller's customer.
 * The contract's {@code wait_timeout}/{@code service_timeout} (ms) are the proto's {@code *_timeout_ms}.
 */
@Path("/v1.0/queues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueueResource {

    /** What queue-manager routes by so far (the contract's enum: "" = default random). */
    static final Set<String> ROUTING_METHODS = Set.of("", "random");
    static final int MAX_TAGS = 100;

    public static class QueueBody {
        public String name;
        public String detail;
        public String routing_method;
        public List<String> tag_ids;
        public String wait_flow_id;
        public Long wait_timeout;
        public Long service_timeout;
    }

    private final QueueManagerClient queueManager;
    private final CurrentIdentity current;

    public QueueResource(QueueManagerClient queueManager, CurrentIdentity current) {
        this.queueManager = queueManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        return queueManager.queues().listQueues(ListQueuesRequest.newBuilder().setCustomerId(customer())
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getQueuesList(), r.getPage().getNextPageToken(), QueueResource::view));
    }

    @POST
    public Uni<ObjectNode> create(QueueBody body) {
        String customerId = customer();
        if (body == null) {
            throw Errors.invalidArgument("body", "is required");
        }
        String routing = body.routing_method == null ? "" : body.routing_method;
        if (!ROUTING_METHODS.contains(routing)) {
            throw Errors.invalidArgument("routing_method", "must be random");
        }
        CreateQueueRequest.Builder request = CreateQueueRequest.newBuilder().setCustomerId(customerId)
                .setName(Validate.text("name", body.name, 255))
                .setDetail(Validate.text("detail", body.detail, 4096))
                .setRoutingMethod(routing)
                .setWaitFlowId(Validate.optionalId("wait_flow_id", body.wait_flow_id))
                .setWaitTimeoutMs(timeout("wait_timeout", body.wait_timeout))
                .setServiceTimeoutMs(timeout("service_timeout", body.service_timeout));
        if (body.tag_ids != null) {
            if (body.tag_ids.size() > MAX_TAGS) {
                throw Errors.invalidArgument("tag_ids", "must hold at most " + MAX_TAGS + " tags");
            }
            for (int i = 0; i < body.tag_ids.size(); i++) {
                request.addTagIds(Validate.id("tag_ids[" + i + "]", body.tag_ids.get(i)).toString());
            }
        }
        return queueManager.queues().createQueue(request.build()).map(QueueResource::view);
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return queueManager.queues().getQueue(GetQueueRequest.newBuilder().setCustomerId(customer())
                .setId(Validate.id("id", id).toString()).build()).map(QueueResource::view);
    }

    /** Milliseconds, 0 (none) up to 7 days. */
    static long timeout(String field, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > 7L * 24 * 3600 * 1000) {
            throw Errors.invalidArgument(field, "must be between 0 and 604800000 (milliseconds)");
        }
        return value;
    }

    static ObjectNode view(Queue queue) {
        ObjectNode out = PublicJson.toJson(queue);
        out.remove("wait_timeout_ms");
        out.remove("service_timeout_ms");
        out.put("wait_timeout", queue.getWaitTimeoutMs());
        out.put("service_timeout", queue.getServiceTimeoutMs());
        return out;
    }
}
