package net.voipbin.transfer.rpc;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.transfer.v1.GetTransferRequest;
import net.voipbin.proto.transfer.v1.MutinyTransferServiceGrpc;
import net.voipbin.proto.transfer.v1.Transfer;
import net.voipbin.transfer.mapping.TransferMapper;
import net.voipbin.transfer.service.TransferService;

/**
 * transfer-manager's RPC surface, served on bin-manager.transfer-manager.request. StartTransfer is
 * not overridden yet, so it answers UNIMPLEMENTED: it needs call-manager to dial the transferees.
 */
@GrpcService
public class TransferRpcService extends MutinyTransferServiceGrpc.TransferServiceImplBase {

    private final TransferService transfers;

    public TransferRpcService(TransferService transfers) {
        this.transfers = transfers;
    }

    @Override
    public Uni<Transfer> getTransfer(GetTransferRequest request) {
        return Uni.createFrom().deferred(() -> transfers.get(
                        Ids.parse("customer_id", request.getCustomerId()), Ids.parse("id", request.getId())))
                .map(TransferMapper::toProto);
    }
}
