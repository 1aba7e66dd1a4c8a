package net.voipbin.storage;

import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.common.v1.PageRequest;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.proto.storage.v1.GetFileRequest;
import net.voipbin.proto.storage.v1.ListFilesRequest;
import net.voipbin.proto.storage.v1.ListFilesResponse;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;
import net.voipbin.storage.model.StorageFile;
import net.voipbin.storage.repository.StorageFileRepository;
import net.voipbin.storage.service.StorageFileService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static net.voipbin.common.testing.ServiceChecks.assertOperable;
import static net.voipbin.common.testing.ServiceChecks.walkPages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** storage-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class StorageRpcIT extends RpcServiceTestBase {

    @Inject
    StorageFileService service;
    @Inject
    StorageFileRepository repository;
    @Inject
    Vertx vertx;

    MutinyStorageServiceGrpc.MutinyStorageServiceStub storage;

    @BeforeEach
    void connect() {
        storage = MutinyStorageServiceGrpc.newMutinyStub(channel("storage-manager"));
    }

    private StorageFile register(UUID customer, String name) {
        return OnVertx.run(vertx, () -> service.register(customer, "normal", null, name, name + ".txt", 42));
    }

    @Test
    void writtenFileReadsBackThroughTheBroker() {
        UUID customer = Ids.newId();
        UUID recording = Ids.newId();
        StorageFile stored = OnVertx.run(vertx, () -> service.register(customer, "recording", recording,
                "call recording", "rec-1.wav", 160_044));
        // The fields no RPC writes yet, written the way the download issue will: through the repository.
        var expire = TimeFormat.now().plusSeconds(3600);
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> repository.findById(stored.id).invoke(f -> {
            f.uriDownload = "https://storage.example.com/rec-1.wav?sig=abc";
            f.tmDownloadExpire = expire;
        })));

        File read = await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(customer.toString()).setId(stored.id.toString()).build()));
        assertEquals(stored.id.toString(), read.getId());
        assertEquals(customer.toString(), read.getCustomerId());
        assertEquals("recording", read.getReferenceType());
        assertEquals(recording.toString(), read.getReferenceId());
        assertEquals("call recording", read.getName());
        assertEquals("rec-1.wav", read.getFilename());
        assertEquals(160_044, read.getFilesize());
        assertEquals("https://storage.example.com/rec-1.wav?sig=abc", read.getUriDownload());
        assertEquals(TimeFormat.format(expire), read.getTmDownloadExpire());
        assertEquals(TimeFormat.format(stored.tmCreate), read.getTmCreate());

        StorageFile plain = register(customer, "upload");
        File plainRead = await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(customer.toString()).setId(plain.id.toString()).build()));
        assertEquals("", plainRead.getReferenceId());
        assertEquals("", plainRead.getTmDownloadExpire());
    }

    @Test
    void deletedFilesAreGone() {
        UUID customer = Ids.newId();
        StorageFile file = register(customer, "old");
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> repository.findById(file.id).invoke(f -> f.tmDelete = TimeFormat.now())));
        assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(customer.toString()).setId(file.id.toString()).build())));
        assertEquals(0, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer.toString()).build())).getFilesCount());
    }

    @Test
    void anotherCustomerCannotSeeTheFile() {
        UUID owner = Ids.newId();
        String intruder = Ids.newId().toString();
        StorageFile file = register(owner, "mine");

        assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(intruder).setId(file.id.toString()).build())));
        assertEquals(0, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(intruder).build())).getFilesCount());
        assertEquals(1, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(owner.toString()).build())).getFilesCount());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        String customer = Ids.newId().toString();
        assertInvalid("customer_id", () -> await(storage.getFile(GetFileRequest.newBuilder().setId(Ids.newId().toString()).build())));
        assertInvalid("id", () -> await(storage.getFile(GetFileRequest.newBuilder().setCustomerId(customer).setId("file-1").build())));
        assertInvalid("customer_id", () -> await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId("abc").build())));
        assertInvalid("page_token", () -> await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageToken("AAAA")).build())));
        assertInvalid("page_size", () -> await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageSize(-1)).build())));

        CompletionException bad = assertThrows(CompletionException.class,
                () -> OnVertx.run(vertx, () -> service.register(UUID.fromString(customer), "video", null, "x", "x", 1)));
        StatusRuntimeException cause = assertInstanceOf(StatusRuntimeException.class, bad.getCause());
        assertTrue(cause.getStatus().getDescription().startsWith("reference_type:"));
    }

    @Test
    void listPagesNewestFirstWithoutGapsOrRepeats() {
        UUID customer = Ids.newId();
        for (int i = 0; i < 5; i++) {
            register(customer, "file" + i);
        }
        List<List<String>> pages = walkPages(
                token -> await(storage.listFiles(ListFilesRequest.newBuilder()
                        .setCustomerId(customer.toString()).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build())),
                page -> page.getFilesList().stream().map(File::getId).toList(),
                page -> page.getPage().getNextPageToken());
        assertEquals(5, pages.stream().mapToInt(List::size).sum());
        assertEquals(3, pages.size());
        ListFilesResponse first = await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer.toString()).build()));
        assertEquals("file4", first.getFiles(0).getName());
    }

    @Test
    void startsMigratesAndReportsReady() {
        assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        assertOperable("voipbin.storage.v1.StorageService/GetFile", "NOT_FOUND");
    }
}
