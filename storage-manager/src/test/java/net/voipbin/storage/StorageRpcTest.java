package net.voipbin.storage;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.AmqpConnection;
import net.voipbin.common.id.Ids;
import net.voipbin.common.rpc.RpcClient;
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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** storage-manager's RPCs through the real broker into MariaDB (Hibernate Reactive). */
@QuarkusTest
class StorageRpcTest {

    @Inject
    RpcClient rpc;
    @Inject
    AmqpConnection amqp;
    @Inject
    StorageFileService service;
    @Inject
    StorageFileRepository repository;
    @Inject
    Vertx vertx;

    MutinyStorageServiceGrpc.MutinyStorageServiceStub storage;

    @BeforeEach
    void connect() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(amqp::isReady);
        storage = MutinyStorageServiceGrpc.newMutinyStub(rpc.channel("storage-manager"));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(5));
    }

    /** Runs database work the way the RPC server does: on a fresh, safe duplicated Vert.x context. */
    private <T> T onVertx(Supplier<Uni<T>> work) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> work.get().subscribe().with(result::complete, result::completeExceptionally));
        return result.get(5, TimeUnit.SECONDS);
    }

    private StorageFile register(UUID customer, String name) throws Exception {
        return onVertx(() -> service.register(customer, "normal", null, name, name + ".txt", 42));
    }

    private static void assertInvalid(String field, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().startsWith(field + ":"), e.getStatus().getDescription());
    }

    private static void assertNotFound(Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void writtenFileReadsBackThroughTheBroker() throws Exception {
        UUID customer = Ids.newId();
        UUID recording = Ids.newId();
        StorageFile stored = onVertx(() -> service.register(customer, "recording", recording,
                "call recording", "rec-1.wav", 160_044));
        // The fields no RPC writes yet, written the way the download issue will: through the repository.
        var expire = TimeFormat.now().plusSeconds(3600);
        onVertx(() -> Panache.withTransaction(() -> repository.findById(stored.id).invoke(f -> {
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
    void deletedFilesAreGone() throws Exception {
        UUID customer = Ids.newId();
        StorageFile file = register(customer, "old");
        onVertx(() -> Panache.withTransaction(() -> repository.findById(file.id).invoke(f -> f.tmDelete = TimeFormat.now())));
        assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(customer.toString()).setId(file.id.toString()).build())));
        assertEquals(0, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer.toString()).build())).getFilesCount());
    }

    @Test
    void anotherCustomerCannotSeeTheFile() throws Exception {
        UUID owner = Ids.newId();
        String intruder = Ids.newId().toString();
        StorageFile file = register(owner, "mine");

        assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(intruder).setId(file.id.toString()).build())));
        assertEquals(0, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(intruder).build())).getFilesCount());
        assertEquals(1, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(owner.toString()).build())).getFilesCount());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() throws Exception {
        String customer = Ids.newId().toString();
        assertInvalid("customer_id", () -> await(storage.getFile(GetFileRequest.newBuilder().setId(Ids.newId().toString()).build())));
        assertInvalid("id", () -> await(storage.getFile(GetFileRequest.newBuilder().setCustomerId(customer).setId("file-1").build())));
        assertInvalid("customer_id", () -> await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId("abc").build())));
        assertInvalid("page_token", () -> await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageToken("AAAA")).build())));
        assertInvalid("page_size", () -> await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer)
                .setPage(PageRequest.newBuilder().setPageSize(-1)).build())));

        ExecutionException bad = assertThrows(ExecutionException.class,
                () -> onVertx(() -> service.register(UUID.fromString(customer), "video", null, "x", "x", 1)));
        StatusRuntimeException cause = assertInstanceOf(StatusRuntimeException.class, bad.getCause());
        assertTrue(cause.getStatus().getDescription().startsWith("reference_type:"));
    }

    @Test
    void listPagesNewestFirstWithoutGapsOrRepeats() throws Exception {
        UUID customer = Ids.newId();
        for (int i = 0; i < 5; i++) {
            register(customer, "file" + i);
        }
        Set<String> seen = new HashSet<>();
        String token = "";
        int pages = 0;
        do {
            ListFilesResponse page = await(storage.listFiles(ListFilesRequest.newBuilder()
                    .setCustomerId(customer.toString()).setPage(PageRequest.newBuilder().setPageSize(2).setPageToken(token)).build()));
            page.getFilesList().forEach(f -> assertTrue(seen.add(f.getId()), "repeated " + f.getId()));
            token = page.getPage().getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(5, seen.size());
        assertEquals(3, pages);
        ListFilesResponse first = await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer.toString()).build()));
        assertEquals("file4", first.getFiles(0).getName());
    }

    @Test
    void startsMigratesAndReportsReady() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("broker"));
        given().get("/q/health/live").then().statusCode(200);
        assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                .setCustomerId(Ids.newId().toString()).setId(Ids.newId().toString()).build())));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("voipbin_rpc_server_seconds_count{method=\"voipbin.storage.v1.StorageService/GetFile\",status=\"NOT_FOUND\"}"))
                .body(containsString("voipbin_rpc_client_seconds_count{method=\"voipbin.storage.v1.StorageService/GetFile\",status=\"NOT_FOUND\"}"));
    }
}
