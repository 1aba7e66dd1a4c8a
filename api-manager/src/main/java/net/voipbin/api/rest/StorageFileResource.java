package net.voipbin.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import net.voipbin.api.auth.CurrentIdentity;
import net.voipbin.api.auth.Permissions;
import net.voipbin.api.client.StorageManagerClient;
import net.voipbin.common.json.PublicJson;
import net.voipbin.api.mapping.Validate;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.proto.storage.v1.GetFileRequest;
import net.voipbin.proto.storage.v1.ListFilesRequest;

/**
 * {@code /storage_files}: storage-manager's files (metadata) of the caller's customer. Downloads are not
 * served yet: storage-manager has no signed URLs, its {@code uri_download} is an internal location, so it
 * is shown only when it is an http(s) URL (else {@code ""}, with {@code tm_download_expire} null).
 */
@Path("/v1.0/storage_files")
@Produces(MediaType.APPLICATION_JSON)
public class StorageFileResource {

    private final StorageManagerClient storageManager;
    private final CurrentIdentity current;

    public StorageFileResource(StorageManagerClient storageManager, CurrentIdentity current) {
        this.storageManager = storageManager;
        this.current = current;
    }

    private String customer() {
        return current.customerId(Permissions.ADMIN_OR_MANAGER);
    }

    @GET
    public Uni<ObjectNode> list(@QueryParam("page_size") String pageSize, @QueryParam("page_token") String pageToken) {
        return storageManager.files().listFiles(ListFilesRequest.newBuilder().setCustomerId(customer())
                        .setPage(Validate.page(pageSize, pageToken)).build())
                .map(r -> PublicJson.page(r.getFilesList(), r.getPage().getNextPageToken(), StorageFileResource::view));
    }

    @GET
    @Path("/{id}")
    public Uni<ObjectNode> getOne(@PathParam("id") String id) {
        return storageManager.files().getFile(GetFileRequest.newBuilder().setCustomerId(customer())
                .setId(Validate.id("id", id).toString()).build()).map(StorageFileResource::view);
    }

    static ObjectNode view(File file) {
        ObjectNode out = PublicJson.toJson(file);
        String uri = file.getUriDownload();
        if (!(uri.startsWith("https://") || uri.startsWith("http://"))) {
            out.put("uri_download", "");
            out.remove("tm_download_expire");
        }
        return out;
    }
}
