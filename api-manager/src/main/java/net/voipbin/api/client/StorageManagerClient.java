package net.voipbin.api.client;

import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;

/** storage-manager's StorageService over RabbitMQ: stored files. */
@ApplicationScoped
public class StorageManagerClient {

    static final String MANAGER = "storage-manager";

    private final RpcDeadline deadline;
    private final MutinyStorageServiceGrpc.MutinyStorageServiceStub files;

    public StorageManagerClient(RpcClient rpc, RpcDeadline deadline) {
        this.deadline = deadline;
        this.files = MutinyStorageServiceGrpc.newMutinyStub(rpc.channel(MANAGER));
    }

    /** StorageService, with the gateway's deadline from now. */
    public MutinyStorageServiceGrpc.MutinyStorageServiceStub files() {
        return deadline.on(files);
    }
}
