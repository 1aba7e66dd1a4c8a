package net.voipbin.transfer.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.transfer.mapping.TransferMapper;
import net.voipbin.transfer.model.Transfer;
import net.voipbin.transfer.repository.TransferRepository;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class TransferService {

    public static final Set<String> TYPES = Set.of(Transfer.TYPE_BLIND, Transfer.TYPE_ATTENDED);

    private final TransferRepository transfers;

    public TransferService(TransferRepository transfers) {
        this.transfers = transfers;
    }

    /**
     * Records a transfer. StartTransfer (which needs call-manager to dial the transferees) will
     * call this; until then only tests do.
     */
    @WithTransaction
    public Uni<Transfer> create(UUID customerId, String type, UUID transfererCallId, List<String> transfereeAddressesJson,
                                String status) {
        if (!TYPES.contains(type)) {
            throw Errors.invalidArgument("type", "must be one of " + TYPES);
        }
        if (transfereeAddressesJson.isEmpty()) {
            throw Errors.invalidArgument("transferee_addresses_json", "needs at least one address");
        }
        if (status == null || status.isBlank() || status.length() > 16) {
            throw Errors.invalidArgument("status", "must be 1 to 16 characters");
        }
        Transfer transfer = new Transfer();
        transfer.id = Ids.newId();
        transfer.customerId = customerId;
        transfer.type = type;
        transfer.transfererCallId = transfererCallId;
        transfer.transfereeAddressesJson = TransferMapper.addressesToJson(transfereeAddressesJson);
        transfer.status = status;
        transfer.tmCreate = TimeFormat.now();
        return transfers.persist(transfer);
    }

    @WithSession
    public Uni<Transfer> get(UUID customerId, UUID id) {
        return transfers.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("transfer", id));
    }
}
