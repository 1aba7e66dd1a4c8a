package net.voipbin.storage.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.proto.common.v1.PageResponse;
import net.voipbin.proto.storage.v1.CreateFileRequest;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.proto.storage.v1.GetFileRequest;
import net.voipbin.proto.storage.v1.ListFilesRequest;
import net.voipbin.proto.storage.v1.ListFilesResponse;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;
import net.voipbin.storage.mapping.StorageFileMapper;
import net.voipbin.storage.service.StorageFileService;

import java.util.UUID;

/** storage-manager's RPC surface, served on bin-manager.storage-manager.request. */
@GrpcService
public class StorageRpcService extends MutinyStorageServiceGrpc.StorageServiceImplBase {

    private final StorageFileService files;

    public StorageRpcService(StorageFileService files) {
        this.files = files;
    }

    @Override
    public Uni<File> getFile(GetFileRequest request) {
        return Uni.createFrom().deferred(() -> files.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(StorageFileMapper::toProto);
    }

    @Override
    public Uni<ListFilesResponse> listFiles(ListFilesRequest request) {
        return Uni.createFrom().deferred(() -> {
            UUID customerId = Ids.parse("customer_id", request.getCustomerId());
            int size = Paging.size(request.getPage());
            return files.list(customerId, Paging.after(request.getPage()), size + 1)
                    .map(rows -> ListFilesResponse.newBuilder()
                            .addAllFiles(rows.stream().limit(size).map(StorageFileMapper::toProto).toList())
                            .setPage(PageResponse.newBuilder().setNextPageToken(Paging.nextToken(rows, size, f -> f.id)))
                            .build());
        });
    }

    @Override
    public Uni<File> createFile(CreateFileRequest request) {
        return Uni.createFrom().deferred(() -> files.create(
                        Ids.parse("customer_id", request.getCustomerId()),
                        request.getReferenceType(),
                        Ids.parseOptional("reference_id", request.getReferenceId()),
                        request.getName(), request.getFilename(), request.getContentType(), request.getContent()))
                .map(StorageFileMapper::toProto);
    }
}
