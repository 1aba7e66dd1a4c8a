package net.voipbin.storage.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.json.PublicJson;
import net.voipbin.storage.mapping.StorageFileMapper;
import net.voipbin.storage.model.StorageFile;

/**
 * storage-manager's events, written to the outbox inside the transaction of the change they
 * announce, so an event is published if and only if its change committed. data = the file as the REST API
 * renders it (PublicJson of the RPC message).
 */
@ApplicationScoped
public class StorageFileEvents {

    public static final String CREATED = "storage_file_created";

    private final EventOutbox outbox;

    public StorageFileEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> publish(String type, StorageFile file) {
        return outbox.add(type, file.customerId, PublicJson.toJson(StorageFileMapper.toProto(file))).replaceWithVoid();
    }
}
