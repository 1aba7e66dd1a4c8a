package net.voipbin.flow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.flow.v1.Action;
import net.voipbin.proto.flow.v1.Activeflow;
import net.voipbin.proto.flow.v1.CreateActiveflowRequest;
import net.voipbin.proto.flow.v1.CreateFlowRequest;
import net.voipbin.proto.flow.v1.Flow;
import net.voipbin.proto.flow.v1.GetActiveflowRequest;
import net.voipbin.proto.flow.v1.MutinyFlowServiceGrpc;
import net.voipbin.proto.flow.v1.NextActionRequest;
import net.voipbin.proto.flow.v1.SetVariablesRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static net.voipbin.proto.flow.v1.FlowActionJson.actionsFromJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drives the engine as call-manager does: create an activeflow for a call, then NextAction. */
final class EngineSupport {

    static final String START = "00000000-0000-0000-0000-000000000001";
    static final String FINISH = "00000000-0000-0000-0000-000000000002";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutinyFlowServiceGrpc.MutinyFlowServiceStub flows;
    final String customer = Ids.newId().toString();

    EngineSupport(MutinyFlowServiceGrpc.MutinyFlowServiceStub flows) {
        this.flows = flows;
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(15));
    }

    Flow flow(String actionsJson) {
        return await(flows.createFlow(CreateFlowRequest.newBuilder().setCustomerId(customer).setName("f")
                .addAllActions(actionsFromJson(actionsJson)).setPersist(true).build()));
    }

    Activeflow start(String actionsJson) {
        return await(flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(customer)
                .addAllActions(actionsFromJson(actionsJson)).setReferenceType("call").setReferenceId(Ids.newId().toString()).build()));
    }

    Activeflow startFlow(String flowId) {
        return await(flows.createActiveflow(CreateActiveflowRequest.newBuilder().setCustomerId(customer)
                .setFlowId(flowId).setReferenceType("call").setReferenceId(Ids.newId().toString()).build()));
    }

    Action next(Activeflow af, String current) {
        return await(flows.nextAction(NextActionRequest.newBuilder().setCustomerId(customer)
                .setActiveflowId(af.getId()).setCurrentActionId(current).build()));
    }

    Activeflow get(Activeflow af) {
        return await(flows.getActiveflow(GetActiveflowRequest.newBuilder().setCustomerId(customer).setId(af.getId()).build()));
    }

    void set(Activeflow af, Map<String, String> vars) {
        await(flows.setVariables(SetVariablesRequest.newBuilder().setCustomerId(customer)
                .setActiveflowId(af.getId()).putAllVariables(vars).build()));
    }

    static JsonNode option(Action action) {
        try {
            return JSON.readTree(net.voipbin.proto.flow.v1.ActionJson.toJson(action)).path("option");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String text(Action action) {
        assertEquals("talk", action.getType(), action.toString());
        return option(action).path("text").asText();
    }

    /** Steps through call-manager-executed actions until the finish action; returns "type:text" per step. */
    List<String> runToEnd(Activeflow af, String from, int max) {
        List<String> seen = new java.util.ArrayList<>();
        String current = from;
        for (int i = 0; i < max; i++) {
            Action a = next(af, current);
            if (a.getId().equals(FINISH)) {
                return seen;
            }
            seen.add(a.getType() + ":" + option(a).path("text").asText(""));
            current = a.getId();
        }
        throw new AssertionError("no finish after " + max + " steps: " + seen);
    }

    /** Records every event this manager publishes (a queue bound to its namespaced exchange). */
    static final class Events implements AutoCloseable {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final Channel channel;

        Events(AmqpConnection amqp, BrokerNames names) throws IOException {
            channel = amqp.connection().createChannel();
            channel.exchangeDeclare(names.ownEventExchange(), "fanout", true, false, null);
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, names.ownEventExchange(), "");
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    received.add(JSON.readTree(body));
                }
            });
        }

        boolean has(String type, String id, String status) {
            return received.stream().anyMatch(e -> e.path("type").asText().equals(type)
                    && e.path("data").path("id").asText().equals(id)
                    && (status == null || e.path("data").path("status").asText().equals(status)));
        }

        @Override
        public void close() throws Exception {
            channel.close();
        }
    }
}
