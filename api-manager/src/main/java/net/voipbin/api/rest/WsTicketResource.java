package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.mapping.Views;
import net.voipbin.api.ws.WsTickets;
import net.voipbin.common.time.TimeFormat;

/**
 * {@code POST /v1.0/ws/tickets} (extension): a single-use ticket, valid for seconds, to open the WebSocket with
 * {@code /v1.0/ws?ticket=}, for clients (browsers) that cannot send an Authorization header on the upgrade.
 * Any authenticated identity may ask; the socket then acts as that identity.
 */
@Path("/v1.0/ws/tickets")
@Produces(MediaType.APPLICATION_JSON)
public class WsTicketResource {

    private final WsTickets tickets;
    private final CurrentIdentity current;

    public WsTicketResource(WsTickets tickets, CurrentIdentity current) {
        this.tickets = tickets;
        this.current = current;
    }

    @POST
    public Uni<ObjectNode> issue() {
        return tickets.issue(current.get()).map(issued -> Views.MAPPER.createObjectNode()
                .put("ticket", issued.ticket()).put("expire", TimeFormat.format(issued.expire())));
    }
}
