package net.voipbin.storage.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import net.voipbin.common.db.TenantResource;

import java.time.Instant;
import java.util.UUID;

/** A stored file of a customer (a recording's audio or an uploaded file): its metadata. */
@Entity
@Table(name = "storage_file")
public class StorageFile extends TenantResource {

    public static final String REFERENCE_RECORDING = "recording";
    public static final String REFERENCE_NORMAL = "normal";

    @Column(name = "reference_type")
    public String referenceType;

    /** What the file belongs to (a recording's id); null for a plain upload. */
    @JdbcTypeCode(SqlTypes.BINARY)
    @Column(name = "reference_id", columnDefinition = "BINARY(16)")
    public UUID referenceId;

    public String name;
    public String filename;
    public long filesize;

    /** Media type the creator gave (e.g. audio/wav); empty when unknown. */
    @Column(name = "content_type")
    public String contentType;

    /** SHA-256 of the stored bytes (lower-case hex); empty for metadata registered without bytes. */
    public String sha256;

    @Column(name = "uri_download")
    public String uriDownload;

    @Column(name = "tm_download_expire")
    public Instant tmDownloadExpire;
}
