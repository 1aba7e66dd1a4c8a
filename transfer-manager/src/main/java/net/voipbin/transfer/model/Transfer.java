package net.voipbin.transfer.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import net.voipbin.common.db.TenantResource;

import java.util.UUID;

/** A blind or attended transfer of a call to one or more transferees, with its status. */
@Entity
@Table(name = "transfer")
public class Transfer extends TenantResource {

    public static final String TYPE_BLIND = "blind";
    public static final String TYPE_ATTENDED = "attended";

    public String type;

    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "transferer_call_id", columnDefinition = "BINARY(16)", nullable = false)
    public UUID transfererCallId;

    /** JSON array of the transferees' addresses ({@code {"type":"tel","target":"+1555..."}}). */
    @Column(name = "transferee_addresses", columnDefinition = "TEXT")
    public String transfereeAddressesJson;

    public String status;
}
