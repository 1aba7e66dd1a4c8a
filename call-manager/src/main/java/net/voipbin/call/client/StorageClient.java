package net.voipbin.call.client;

import com.google.protobuf.ByteString;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.rpc.RpcClient;
import net.voipbin.proto.storage.v1.CreateFileRequest;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** storage-manager, as call-manager uses it: finished recordings become customer files. */
@ApplicationScoped
public class StorageClient {

    private final MutinyStorageServiceGrpc.MutinyStorageServiceStub storage;

    public StorageClient(RpcClient rpc) {
        this.storage = MutinyStorageServiceGrpc.newMutinyStub(rpc.channel("storage-manager"));
    }

    /** Stores a recording's file; emits the storage file id. A file is up to a few MB, hence the longer deadline. */
    public Uni<UUID> storeRecording(UUID customerId, UUID recordingId, String name, String filename, String contentType,
                                    byte[] content) {
        return storage.withDeadlineAfter(20, TimeUnit.SECONDS).createFile(CreateFileRequest.newBuilder()
                        .setCustomerId(customerId.toString())
                        .setReferenceType("recording")
                        .setReferenceId(recordingId.toString())
                        .setName(name)
                        .setFilename(filename)
                        .setContentType(contentType)
                        .setContent(ByteString.copyFrom(content))
                        .build())
                .map(file -> UUID.fromString(file.getId()));
    }
}
