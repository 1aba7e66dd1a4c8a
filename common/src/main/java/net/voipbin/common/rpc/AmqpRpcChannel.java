package net.voipbin.common.rpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;

/** An {@link io.grpc.Channel} whose calls travel as messages to one request queue. */
final class AmqpRpcChannel extends Channel {

    private final RpcClient client;
    private final String queue;

    AmqpRpcChannel(RpcClient client, String queue) {
        this.client = client;
        this.queue = queue;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> newCall(MethodDescriptor<ReqT, RespT> method, CallOptions options) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            throw new UnsupportedOperationException("RPC over RabbitMQ carries unary methods only: " + method.getFullMethodName());
        }
        return new AmqpClientCall<>(client, queue, method, options);
    }

    @Override
    public String authority() {
        return queue;
    }
}
