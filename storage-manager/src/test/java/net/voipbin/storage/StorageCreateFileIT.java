package net.voipbin.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.amqp.BrokerNames;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.common.testing.RpcServiceTestBase;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.storage.v1.CreateFileRequest;
import net.voipbin.proto.storage.v1.File;
import net.voipbin.proto.storage.v1.GetFileRequest;
import net.voipbin.proto.storage.v1.ListFilesRequest;
import net.voipbin.proto.storage.v1.MutinyStorageServiceGrpc;
import net.voipbin.storage.files.FileStore;
import net.voipbin.storage.model.StorageFile;
import net.voipbin.storage.repository.StorageFileRepository;
import net.voipbin.storage.service.StorageFileService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static net.voipbin.common.testing.ServiceChecks.assertNotFound;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CreateFile through the real broker: bytes on disk, row in MariaDB, event through the outbox. */
@QuarkusTest
class StorageCreateFileIT extends RpcServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    BrokerNames names;
    @Inject
    EventOutbox outbox;
    @Inject
    StorageFileService service;
    @Inject
    StorageFileRepository repository;
    @Inject
    FileStore store;
    @Inject
    Vertx vertx;

    MutinyStorageServiceGrpc.MutinyStorageServiceStub storage;

    @BeforeEach
    void connect() {
        storage = MutinyStorageServiceGrpc.newMutinyStub(channel("storage-manager"));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static CreateFileRequest.Builder request(UUID customer, UUID reference, String filename, byte[] content) {
        CreateFileRequest.Builder b = CreateFileRequest.newBuilder()
                .setCustomerId(customer.toString())
                .setReferenceType("recording")
                .setName("call recording")
                .setFilename(filename)
                .setContentType("audio/wav")
                .setContent(ByteString.copyFrom(content));
        if (reference != null) {
            b.setReferenceId(reference.toString());
        }
        return b;
    }

    /** The customer's stored files on disk (final names only, no temp files). */
    private List<Path> filesOnDisk(UUID customer) throws Exception {
        Path dir = store.root().resolve(customer.toString());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void createdFileIsOnDiskAndReadsBackOnlyForItsCustomer() throws Exception {
        UUID customer = Ids.newId();
        UUID recording = Ids.newId();
        byte[] content = randomBytes(1024 * 1024 + 7);

        Channel events = amqp.connection().createChannel();
        String queue = events.queueDeclare("", false, true, true, null).getQueue();
        events.queueBind(queue, names.ownEventExchange(), "");
        try {
            File created = await(storage.createFile(request(customer, recording, "rec-1.wav", content).build()));
            UUID id = UUID.fromString(created.getId());
            assertEquals(customer.toString(), created.getCustomerId());
            assertEquals("recording", created.getReferenceType());
            assertEquals(recording.toString(), created.getReferenceId());
            assertEquals("call recording", created.getName());
            assertEquals("rec-1.wav", created.getFilename());
            assertEquals(content.length, created.getFilesize());
            assertEquals("storage://" + customer + "/" + id, created.getUriDownload());
            assertEquals("", created.getTmDownloadExpire());
            assertTrue(!created.getTmCreate().isEmpty());

            // The bytes on disk are the content, and nothing else was left behind.
            assertArrayEquals(content, Files.readAllBytes(store.path(customer, id)));
            assertEquals(List.of(store.path(customer, id)), filesOnDisk(customer));
            StorageFile row = OnVertx.run(vertx, () -> service.get(customer, id));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), row.sha256);
            assertEquals("audio/wav", row.contentType);

            assertEquals(created, await(storage.getFile(GetFileRequest.newBuilder()
                    .setCustomerId(customer.toString()).setId(created.getId()).build())));
            assertEquals(List.of(created), await(storage.listFiles(ListFilesRequest.newBuilder()
                    .setCustomerId(customer.toString()).build())).getFilesList());

            String intruder = Ids.newId().toString();
            assertNotFound(() -> await(storage.getFile(GetFileRequest.newBuilder()
                    .setCustomerId(intruder).setId(created.getId()).build())));
            assertEquals(0, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(intruder).build())).getFilesCount());

            // storage_file_created, relayed from the outbox, carries the public file JSON.
            outbox.kick();
            JsonNode event = awaitEvent(events, queue, "storage_file_created", created.getId());
            JsonNode data = event.get("data");
            assertEquals("storage-manager", event.get("publisher").asText());
            assertEquals(customer.toString(), data.get("customer_id").asText());
            assertEquals(recording.toString(), data.get("reference_id").asText());
            assertEquals("rec-1.wav", data.get("filename").asText());
            assertEquals(content.length, data.get("filesize").asLong());
            assertEquals(created.getUriDownload(), data.get("uri_download").asText());
            assertEquals(created.getTmCreate(), data.get("tm_create").asText());
            assertFalse(data.has("tm_download_expire"), "unset times are left out");
            assertFalse(data.has("tm_delete"));
        } finally {
            events.close();
        }
    }

    private static JsonNode awaitEvent(Channel channel, String queue, String type, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse message = channel.basicGet(queue, true);
            if (message == null) {
                Thread.sleep(50);
                continue;
            }
            JsonNode event = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            if (type.equals(event.get("type").asText()) && id.equals(event.get("data").get("id").asText())) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event for " + id);
    }

    @Test
    void repeatedCreateReturnsTheStoredFile() throws Exception {
        UUID customer = Ids.newId();
        UUID recording = Ids.newId();
        CreateFileRequest create = request(customer, recording, "rec.wav", randomBytes(1000)).build();
        File first = await(storage.createFile(create));
        File again = await(storage.createFile(create));
        assertEquals(first, again);

        // The same key concurrently: one row, one file on disk, every caller gets it.
        UUID raced = Ids.newId();
        CreateFileRequest race = request(customer, raced, "race.wav", randomBytes(2000)).build();
        List<File> results = Uni.join().all(IntStream.range(0, 8).mapToObj(i -> storage.createFile(race)).toList())
                .andFailFast().await().atMost(Duration.ofSeconds(20));
        assertEquals(1, results.stream().map(File::getId).distinct().count(), results.toString());

        // Another filename or reference is another file; without reference_id every call stores anew.
        File otherName = await(storage.createFile(request(customer, recording, "Rec.wav", randomBytes(10)).build()));
        assertNotEquals(first.getId(), otherName.getId());
        CreateFileRequest upload = request(customer, null, "notes.txt", randomBytes(10)).setReferenceType("normal").build();
        File upload1 = await(storage.createFile(upload));
        File upload2 = await(storage.createFile(upload));
        assertNotEquals(upload1.getId(), upload2.getId());
        assertEquals("", upload1.getReferenceId());

        List<String> ids = await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer.toString()).build()))
                .getFilesList().stream().map(File::getId).toList();
        assertEquals(5, ids.size(), ids.toString());
        assertEquals(5, filesOnDisk(customer).size(), filesOnDisk(customer).toString());
        for (String id : ids) {
            assertTrue(Files.isRegularFile(store.path(customer, UUID.fromString(id))), id);
        }
    }

    @Test
    void createAfterDeleteIsRefused() {
        UUID customer = Ids.newId();
        CreateFileRequest create = request(customer, Ids.newId(), "gone.wav", randomBytes(10)).build();
        File file = await(storage.createFile(create));
        OnVertx.run(vertx, () -> Panache.withTransaction(() -> repository.findById(UUID.fromString(file.getId()))
                .invoke(f -> f.tmDelete = TimeFormat.now())));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> await(storage.createFile(create)));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() throws Exception {
        UUID customer = Ids.newId();
        byte[] bytes = randomBytes(10);
        assertInvalid("customer_id", () -> await(storage.createFile(request(customer, null, "a.wav", bytes).clearCustomerId().build())));
        assertInvalid("customer_id", () -> await(storage.createFile(request(customer, null, "a.wav", bytes).setCustomerId("abc").build())));
        assertInvalid("reference_type", () -> await(storage.createFile(request(customer, null, "a.wav", bytes).setReferenceType("video").build())));
        assertInvalid("reference_id", () -> await(storage.createFile(request(customer, null, "a.wav", bytes).setReferenceId("rec-1").build())));
        for (String filename : List.of("", " ", "a/b.wav", "../a.wav", "..", "a\\b", "a\nb", "x".repeat(256))) {
            assertInvalid("filename", () -> await(storage.createFile(request(customer, null, filename, bytes).build())));
        }
        assertInvalid("name", () -> await(storage.createFile(request(customer, null, "a.wav", bytes).setName("n".repeat(256)).build())));
        assertInvalid("content_type", () -> await(storage.createFile(request(customer, null, "a.wav", bytes).setContentType("t".repeat(256)).build())));
        assertInvalid("content", () -> await(storage.createFile(request(customer, null, "a.wav", new byte[0]).build())));

        // Over 32 MiB: refused by the service (not sent through the broker to keep the test light).
        ByteString tooBig = ByteString.copyFrom(new byte[StorageFileService.MAX_CONTENT_BYTES + 1]);
        CompletionException bad = assertThrows(CompletionException.class, () -> OnVertx.run(vertx,
                () -> service.create(customer, "normal", null, "", "big.bin", "", tooBig)));
        StatusRuntimeException cause = assertInstanceOf(StatusRuntimeException.class, bad.getCause());
        assertTrue(cause.getStatus().getDescription().startsWith("content:"), cause.getStatus().getDescription());

        assertEquals(0, await(storage.listFiles(ListFilesRequest.newBuilder().setCustomerId(customer.toString()).build())).getFilesCount());
        assertEquals(List.of(), filesOnDisk(customer));
    }
}
