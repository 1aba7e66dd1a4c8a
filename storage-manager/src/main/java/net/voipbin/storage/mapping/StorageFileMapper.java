package net.voipbin.storage.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.storage.model.StorageFile;

import java.time.Instant;
import java.util.UUID;

/** StorageFile entity to the RPC message and to the public JSON (events carry what the API returns). */
public final class StorageFileMapper {

    private static final String NIL_ID = "00000000-0000-0000-0000-000000000000";

    private StorageFileMapper() {
    }

    public static File toProto(StorageFile file) {
        return File.newBuilder()
                .setId(Ids.format(file.id))
                .setCustomerId(Ids.format(file.customerId))
                .setReferenceType(file.referenceType)
                .setReferenceId(Ids.format(file.referenceId))
                .setName(file.name)
                .setFilename(file.filename)
                .setFilesize(file.filesize)
                .setUriDownload(file.uriDownload)
                .setTmDownloadExpire(TimeFormat.format(file.tmDownloadExpire))
                .setTmCreate(TimeFormat.format(file.tmCreate))
                .build();
    }

    /** The public file JSON: snake_case, unset ids are the nil UUID, unset times are null. */
    public static ObjectNode toJson(StorageFile file) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", file.id.toString());
        n.put("customer_id", file.customerId.toString());
        n.put("reference_type", file.referenceType);
        n.put("reference_id", nil(file.referenceId));
        n.put("name", file.name);
        n.put("filename", file.filename);
        n.put("filesize", file.filesize);
        n.put("uri_download", file.uriDownload);
        time(n, "tm_download_expire", file.tmDownloadExpire);
        time(n, "tm_create", file.tmCreate);
        time(n, "tm_update", file.tmUpdate);
        time(n, "tm_delete", file.tmDelete);
        return n;
    }

    private static String nil(UUID id) {
        return id == null ? NIL_ID : id.toString();
    }

    private static void time(ObjectNode n, String field, Instant value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, TimeFormat.format(value));
        }
    }
}
