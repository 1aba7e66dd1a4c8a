package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.TransferManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.api.mapping.Views;
import net.voipbin.proto.transfer.v1.GetTransferRequest;
import net.voipbin.proto.transfer.v1.Transfer;

/**
 * {@code GET /transfers/{id}} (<b>extension</b>: the contract has only {@code POST /transfers}, which is not
 * served because transfer-manager's StartTransfer is not implemented yet). Shape: TransferManagerTransfer;
 * {@code transferee_addresses_json} become the {@code transferee_addresses} objects; the proto-only
 * {@code status} is left out.
 */
@Path("/v1.0/transfers")
@Produces(MediaType.APPLICATION_JSON)
public class TransferResource {

    private final TransferManagerClient transferManager;
    private final CurrentIdentity current;

    public TransferResource(TransferManagerClient transferManager, CurrentIdentity current) {
        this.transferManager = transferManager;
        this.current = current;
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        Permissions.require(current.get(), Permissions.ADMIN_OR_MANAGER);
        return transferManager.transfers().getTransfer(GetTransferRequest.newBuilder().setCustomerId(current.customerId())
                .setId(Validate.id("id", id).toString()).build()).map(TransferResource::view);
    }

    static ObjectNode view(Transfer transfer) {
        ObjectNode out = PublicJson.toJson(transfer);
        out.remove("transferee_addresses_json");
        out.remove("status");
        ArrayNode addresses = Views.MAPPER.createArrayNode();
        for (String json : transfer.getTransfereeAddressesJsonList()) {
            try {
                addresses.add(Views.MAPPER.readTree(json));
            } catch (Exception e) {
                addresses.add(json);
            }
        }
        out.set("transferee_addresses", addresses);
        return out;
    }
}
