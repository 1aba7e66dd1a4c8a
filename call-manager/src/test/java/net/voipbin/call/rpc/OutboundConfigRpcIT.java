package net.voipbin.call.rpc;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import net.voipbin.common.testing.RpcServiceTestBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.proto.call.v1.CreateNumberRequest;
import net.voipbin.proto.call.v1.GetNumberRequest;
import net.voipbin.proto.call.v1.GetOutboundConfigRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsRequest;
import net.voipbin.proto.call.v1.ListOutboundConfigsResponse;
import net.voipbin.proto.call.v1.MutinyNumberServiceGrpc;
import net.voipbin.proto.call.v1.MutinyOutboundConfigServiceGrpc;
import net.voipbin.proto.call.v1.Number;
import net.voipbin.proto.call.v1.OutboundConfig;
import net.voipbin.proto.call.v1.UpdateOutboundConfigRequest;
import net.voipbin.proto.common.v1.PageRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OutboundConfigService through the real broker into MariaDB. */
@QuarkusTest
class OutboundConfigRpcIT extends RpcServiceTestBase {

    @Inject
    Vertx vertx;

    MutinyOutboundConfigServiceGrpc.MutinyOutboundConfigServiceStub configs;
    MutinyNumberServiceGrpc.MutinyNumberServiceStub numbers;

    @BeforeEach
    void connect() {
        configs = MutinyOutboundConfigServiceGrpc.newMutinyStub(channel("call-manager"));
        numbers = MutinyNumberServiceGrpc.newMutinyStub(channel("call-manager"));
    }


    private OutboundConfig get(UUID customer) {
        return await(configs.getOutboundConfig(GetOutboundConfigRequest.newBuilder().setCustomerId(customer.toString()).build()));
    }

    private UpdateOutboundConfigRequest.Builder update(UUID customer, String... mask) {
        return UpdateOutboundConfigRequest.newBuilder().setCustomerId(customer.toString()).addAllUpdateMask(List.of(mask));
    }

    private Number number(UUID customer, String type) {
        String value = "virtual".equals(type)
                ? net.voipbin.call.testing.Inventory.virtual()
                : NumberRpcIT.randomNumber();
        return await(numbers.createNumber(CreateNumberRequest.newBuilder()
                .setCustomerId(customer.toString()).setNumber(value).setType(type).build()));
    }

    private long rows(UUID customer) {
        byte[] id = ByteBuffer.allocate(16).putLong(customer.getMostSignificantBits()).putLong(customer.getLeastSignificantBits()).array();
        return OnVertx.run(vertx, () -> Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT COUNT(*) FROM outbound_config WHERE customer_id = ?1", Long.class)
                .setParameter(1, id).getSingleResult())));
    }

    @Test
    void firstReadCreatesAnEmptyConfigOnce() {
        UUID customer = Ids.newId();
        OutboundConfig config = get(customer);
        assertEquals(customer.toString(), config.getCustomerId());
        assertEquals("", config.getName());
        assertEquals("", config.getDetail());
        assertEquals(List.of(), config.getDestinationWhitelistList());
        assertEquals("", config.getCodecs());
        assertEquals("", config.getDefaultOutgoingSourceNumberId());
        assertTrue(!config.getTmCreate().isEmpty());
        assertEquals("", config.getTmUpdate());
        assertEquals("", config.getTmDelete());
        assertEquals(config, get(customer));
        assertEquals(1L, rows(customer));
    }

    @Test
    void twentyConcurrentFirstReadsCreateOneConfig() {
        UUID customer = Ids.newId();
        List<Uni<OutboundConfig>> reads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reads.add(configs.getOutboundConfig(GetOutboundConfigRequest.newBuilder().setCustomerId(customer.toString()).build()));
        }
        List<OutboundConfig> all = Uni.join().all(reads).andFailFast().await().atMost(Duration.ofSeconds(20));
        Set<String> ids = all.stream().map(OutboundConfig::getId).collect(Collectors.toSet());
        assertEquals(1, ids.size(), ids.toString());
        assertEquals(1L, rows(customer));
    }

    @Test
    void updateChangesOnlyTheFieldsInTheMask() {
        UUID customer = Ids.newId();
        // an update before any read creates the config too
        OutboundConfig named = await(configs.updateOutboundConfig(update(customer, "name", "detail")
                .setName("prod").setDetail("us and uk").setCodecs("ignored").addDestinationWhitelist("fr").build()));
        assertEquals("prod", named.getName());
        assertEquals("us and uk", named.getDetail());
        assertEquals("", named.getCodecs(), "codecs is not in the mask");
        assertEquals(List.of(), named.getDestinationWhitelistList());
        assertTrue(!named.getTmUpdate().isEmpty());
        assertEquals(1L, rows(customer));

        OutboundConfig listed = await(configs.updateOutboundConfig(update(customer, "destination_whitelist", "codecs")
                .addAllDestinationWhitelist(List.of(" US", "kr", "Gb ")).setCodecs("PCMU,PCMA,opus-48k").setName("not applied").build()));
        assertEquals(List.of("us", "kr", "gb"), listed.getDestinationWhitelistList());
        assertEquals("PCMU,PCMA,opus-48k", listed.getCodecs());
        assertEquals("prod", listed.getName());
        assertEquals(named.getId(), listed.getId());

        // an empty mask changes nothing; a field in the mask with its zero value clears it
        assertEquals(listed, await(configs.updateOutboundConfig(update(customer).setName("x").build())));
        OutboundConfig cleared = await(configs.updateOutboundConfig(update(customer, "destination_whitelist", "detail").build()));
        assertEquals(List.of(), cleared.getDestinationWhitelistList());
        assertEquals("", cleared.getDetail());
        assertEquals("prod", cleared.getName());
        assertEquals("PCMU,PCMA,opus-48k", cleared.getCodecs());
        assertEquals(cleared, get(customer));
    }

    @Test
    void defaultOutgoingSourceNumberMustBeTheCustomersNormalActiveNumber() {
        UUID customer = Ids.newId();
        UUID other = Ids.newId();
        Number normal = number(customer, "normal");
        Number virtual = number(customer, "virtual");
        Number foreign = number(other, "normal");
        Number deleted = number(customer, "normal");
        await(numbers.deleteNumber(GetNumberRequest.newBuilder().setCustomerId(customer.toString()).setId(deleted.getId()).build()));

        String field = "default_outgoing_source_number_id";
        assertInvalid(field, () -> await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId(foreign.getId()).build())));
        assertInvalid(field, () -> await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId(virtual.getId()).build())));
        assertInvalid(field, () -> await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId(deleted.getId()).build())));
        assertInvalid(field, () -> await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId(Ids.newId().toString()).build())));
        assertInvalid(field, () -> await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId("number-1").build())));
        assertEquals("", get(customer).getDefaultOutgoingSourceNumberId(), "refused updates change nothing");

        OutboundConfig set = await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId(normal.getId()).build()));
        assertEquals(normal.getId(), set.getDefaultOutgoingSourceNumberId());
        // other fields keep it
        assertEquals(normal.getId(), await(configs.updateOutboundConfig(update(customer, "name").setName("n").build()))
                .getDefaultOutgoingSourceNumberId());
        assertEquals("", await(configs.updateOutboundConfig(update(customer, field).setDefaultOutgoingSourceNumberId("").build()))
                .getDefaultOutgoingSourceNumberId());
        await(configs.updateOutboundConfig(update(customer, field).setDefaultOutgoingSourceNumberId(normal.getId()).build()));
        assertEquals("", await(configs.updateOutboundConfig(update(customer, field)
                .setDefaultOutgoingSourceNumberId("00000000-0000-0000-0000-000000000000").build())).getDefaultOutgoingSourceNumberId());
    }

    @Test
    void everyValidationErrorNamesItsField() {
        UUID customer = Ids.newId();
        assertInvalid("customer_id", () -> await(configs.getOutboundConfig(GetOutboundConfigRequest.newBuilder().setCustomerId("x").build())));
        assertInvalid("customer_id", () -> await(configs.listOutboundConfigs(ListOutboundConfigsRequest.newBuilder().build())));
        assertInvalid("customer_id", () -> await(configs.updateOutboundConfig(UpdateOutboundConfigRequest.newBuilder().addUpdateMask("name").build())));
        assertInvalid("update_mask", () -> await(configs.updateOutboundConfig(update(customer, "name", "color").setName("a").build())));
        assertInvalid("update_mask", () -> await(configs.updateOutboundConfig(update(customer, "id").build())));
        assertInvalid("name", () -> await(configs.updateOutboundConfig(update(customer, "name").setName("n".repeat(256)).build())));
        assertInvalid("detail", () -> await(configs.updateOutboundConfig(update(customer, "detail").setDetail("d".repeat(4097)).build())));
        assertInvalid("destination_whitelist", () -> await(configs.updateOutboundConfig(update(customer, "destination_whitelist")
                .addDestinationWhitelist("xx").build())));
        assertInvalid("destination_whitelist", () -> await(configs.updateOutboundConfig(update(customer, "destination_whitelist")
                .addDestinationWhitelist("usa").build())));
        assertInvalid("destination_whitelist", () -> await(configs.updateOutboundConfig(update(customer, "destination_whitelist")
                .addDestinationWhitelist("").build())));
        assertInvalid("destination_whitelist", () -> await(configs.updateOutboundConfig(update(customer, "destination_whitelist")
                .addAllDestinationWhitelist(List.of("us", "US")).build())));
        for (String codecs : List.of("PCMU, PCMA", "PCMU,", ",PCMU", "PCMU\nPCMA", "PC--MU", "-PCMU", "P".repeat(256))) {
            assertInvalid("codecs", () -> await(configs.updateOutboundConfig(update(customer, "codecs").setCodecs(codecs).build())));
        }
        assertInvalid("page_size", () -> await(configs.listOutboundConfigs(ListOutboundConfigsRequest.newBuilder()
                .setCustomerId(customer.toString()).setPage(PageRequest.newBuilder().setPageSize(-1)).build())));
        OutboundConfig untouched = get(customer);
        assertEquals("", untouched.getName());
        assertEquals(List.of(), untouched.getDestinationWhitelistList());
        assertEquals("", untouched.getCodecs());
    }

    @Test
    void listShowsOnlyTheCallersOwnConfig() {
        UUID customer = Ids.newId();
        UUID other = Ids.newId();
        OutboundConfig theirs = get(other);
        ListOutboundConfigsResponse mine = await(configs.listOutboundConfigs(ListOutboundConfigsRequest.newBuilder()
                .setCustomerId(customer.toString()).build()));
        assertEquals(1, mine.getOutboundConfigsCount());
        assertEquals(customer.toString(), mine.getOutboundConfigs(0).getCustomerId());
        assertNotEquals(theirs.getId(), mine.getOutboundConfigs(0).getId());
        assertEquals(get(customer), mine.getOutboundConfigs(0));
        assertEquals("", mine.getPage().getNextPageToken());
        assertEquals(theirs, get(other));
    }
}
