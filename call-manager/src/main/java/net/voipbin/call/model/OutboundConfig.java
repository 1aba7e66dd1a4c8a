package net.voipbin.call.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import net.voipbin.common.db.TenantResource;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.UUID;

/**
 * A customer's outbound call settings (openapi CallManagerOutboundConfig); one live row per
 * customer (generated {@code live_customer_id} column, UNIQUE).
 */
@Entity
@Table(name = "outbound_config")
public class OutboundConfig extends TenantResource {

    public String name = "";
    public String detail = "";

    /** JSON array of ISO 3166 alpha-2 codes, lower case, unique; {@code []} = every country allowed. */
    @Column(name = "destination_whitelist", columnDefinition = "TEXT")
    public String destinationWhitelistJson = "[]";

    public String codecs = "";

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "default_outgoing_source_number_id", columnDefinition = "BINARY(16)")
    public UUID defaultOutgoingSourceNumberId;
}
