package net.voipbin.storage.mapping;

import net.voipbin.common.id.Ids;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.storage.model.StorageFile;

/** StorageFile entity to the RPC message; its public JSON (REST and event data) is PublicJson of that message. */
public final class StorageFileMapper {

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
                .setTmUpdate(TimeFormat.format(file.tmUpdate))
                .setTmDelete(TimeFormat.format(file.tmDelete))
                .build();
    }
}
