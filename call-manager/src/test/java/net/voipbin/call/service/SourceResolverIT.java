package net.voipbin.call.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import net.voipbin.call.model.Number;
import net.voipbin.call.service.NumberService;
import net.voipbin.call.service.OutboundConfigService;
import net.voipbin.call.service.SourceResolver;
import net.voipbin.common.id.Ids;
import net.voipbin.common.testing.OnVertx;
import net.voipbin.proto.common.v1.Address;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 000's caller-id rules and the destination whitelist, rule by rule, against MariaDB. */
@QuarkusTest
class SourceResolverIT {

    private static final Address TEL_DESTINATION = Address.newBuilder().setType("tel").setTarget("+821012345678").build();

    @Inject
    SourceResolver resolver;
    @Inject
    NumberService numbers;
    @Inject
    OutboundConfigService configs;
    @Inject
    Vertx vertx;

    private <T> T run(Supplier<Uni<T>> work) {
        return OnVertx.run(vertx, work);
    }

    private StatusRuntimeException failure(Supplier<Uni<?>> work) {
        CompletionException e = assertThrows(CompletionException.class, () -> OnVertx.run(vertx, work::get));
        assertTrue(e.getCause() instanceof StatusRuntimeException, String.valueOf(e.getCause()));
        return (StatusRuntimeException) e.getCause();
    }

    private Number number(UUID customer, String type) {
        String value = Number.TYPE_VIRTUAL.equals(type)
                ? net.voipbin.call.testing.Inventory.virtual()
                : net.voipbin.call.rpc.NumberRpcIT.randomNumber();
        return run(() -> numbers.create(customer, value, type, "", "", "", ""));
    }

    private void setDefault(UUID customer, Number number) {
        run(() -> configs.update(customer, List.of(OutboundConfigService.DEFAULT_NUMBER), null, null, null, null,
                number == null ? "" : number.id.toString()));
    }

    private static Address tel(String target) {
        return Address.newBuilder().setType("tel").setTarget(target).setTargetName("Alice").setName("alice").setDetail("d").build();
    }

    private Address resolve(UUID customer, Address source) {
        return run(() -> resolver.resolve(customer, source, TEL_DESTINATION, false));
    }

    private static Address defaultSource(Number number) {
        return Address.newBuilder().setType("tel").setTarget(number.number).setTargetName(number.number).build();
    }

    @Test
    void anOwnedActiveNormalNumberIsKeptAsGiven() {
        UUID customer = Ids.newId();
        Number own = number(customer, Number.TYPE_NORMAL);
        setDefault(customer, number(customer, Number.TYPE_NORMAL));
        assertEquals(tel(own.number), resolve(customer, tel(own.number)));
    }

    @Test
    void anUnusableSourceFallsBackToTheDefaultNumber() {
        UUID customer = Ids.newId();
        Number fallback = number(customer, Number.TYPE_NORMAL);
        setDefault(customer, fallback);
        Address expected = defaultSource(fallback);

        Number virtual = number(customer, Number.TYPE_VIRTUAL);
        assertEquals(expected, resolve(customer, tel(virtual.number)), "virtual number");

        Number deleted = number(customer, Number.TYPE_NORMAL);
        run(() -> numbers.delete(customer, deleted.id));
        assertEquals(expected, resolve(customer, tel(deleted.number)), "deleted number");

        Number foreign = number(Ids.newId(), Number.TYPE_NORMAL);
        assertEquals(expected, resolve(customer, tel(foreign.number)), "another customer's number");

        assertEquals(expected, resolve(customer, tel(fallback.number.substring(1))), "no leading +");
        assertEquals(expected, resolve(customer, tel("+1 415-555")), "not E.164");
        assertEquals(expected, resolve(customer, tel("")), "no source");
        assertEquals(expected, resolve(customer, Address.getDefaultInstance()), "no source at all");
        assertEquals(expected, resolve(customer, tel(net.voipbin.call.rpc.NumberRpcIT.randomNumber())), "a number nobody owns");
    }

    @Test
    void withoutADefaultTheCallIsRefusedWithTheReason() {
        UUID customer = Ids.newId();
        Number virtual = number(customer, Number.TYPE_VIRTUAL);
        Number foreign = number(Ids.newId(), Number.TYPE_NORMAL);
        String noDefault = ", and no default outgoing source number is configured (outbound config default_outgoing_source_number_id)";

        // no outbound config at all
        StatusRuntimeException e = failure(() -> resolver.resolve(customer, tel(foreign.number), TEL_DESTINATION, false));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("source: " + foreign.number + " is not a number of this customer" + noDefault, e.getStatus().getDescription());

        // a config without default
        run(() -> configs.get(customer));
        e = failure(() -> resolver.resolve(customer, tel(virtual.number), TEL_DESTINATION, false));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("source: " + virtual.number + " is a virtual number; only normal numbers can be an outgoing caller id" + noDefault,
                e.getStatus().getDescription());

        e = failure(() -> resolver.resolve(customer, tel("15551234567"), TEL_DESTINATION, false));
        assertEquals("source: '15551234567' is not an E.164 number" + noDefault, e.getStatus().getDescription());

        e = failure(() -> resolver.resolve(customer, Address.getDefaultInstance(), TEL_DESTINATION, false));
        assertEquals("source: no source number was given" + noDefault, e.getStatus().getDescription());
    }

    @Test
    void aDefaultNumberDeletedSinceIsRefused() {
        UUID customer = Ids.newId();
        Number fallback = number(customer, Number.TYPE_NORMAL);
        setDefault(customer, fallback);
        run(() -> numbers.delete(customer, fallback.id));
        StatusRuntimeException e = failure(() -> resolver.resolve(customer, tel("+14155551234"), TEL_DESTINATION, false));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("source: +14155551234 is not a number of this customer, and the default outgoing source number "
                + fallback.id + " is not a number of this customer", e.getStatus().getDescription());
        // the caller's own valid source still works
        Number own = number(customer, Number.TYPE_NORMAL);
        assertEquals(tel(own.number), resolve(customer, tel(own.number)));
    }

    private Address ownSip(UUID customer, String user) {
        return Address.newBuilder().setType("sip").setTarget("sip:" + user + "@" + resolver.registrarDomain(customer)).build();
    }

    @Test
    void aSipOrExtensionIdentityIsKeptForTheCustomersOwnSipEndpoints() {
        UUID customer = Ids.newId();
        Address sipSource = Address.newBuilder().setType("sip").setTarget("alice@example.com").setTargetName("Alice").build();
        assertEquals(sipSource, run(() -> resolver.resolve(customer, sipSource, ownSip(customer, "1001"), false)));
        Address extension = Address.newBuilder().setType("extension").setTarget(Ids.newId().toString()).build();
        assertEquals(extension, run(() -> resolver.resolve(customer, extension, ownSip(customer, "1001"), false)));
        // the skip flag (internal callers only: the gateway never passes metadata) keeps any source
        Address unowned = tel("+14155551234");
        assertEquals(unowned, run(() -> resolver.resolve(customer, unowned, TEL_DESTINATION, true)));
        Address anonymous = Address.newBuilder().setType("tel").setTarget("anonymous").build();
        assertEquals(anonymous, run(() -> resolver.resolve(customer, anonymous, TEL_DESTINATION, true)));
    }

    @Test
    void anUnboughtNumberIsRefusedAsTheSourceOfASipCallToo() {
        UUID customer = Ids.newId();
        Address sip = ownSip(customer, "1001");
        String squatted = net.voipbin.call.testing.Inventory.unprovisioned();
        String noDefault = ", and no default outgoing source number is configured (outbound config default_outgoing_source_number_id)";
        StatusRuntimeException e = failure(() -> resolver.resolve(customer, tel(squatted), sip, false));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("source: " + squatted + " is not a number of this customer" + noDefault, e.getStatus().getDescription());
        // a number in a SIP source's user part is the same claim
        Address sipShaped = Address.newBuilder().setType("sip").setTarget("sip:" + squatted + "@example.com").build();
        e = failure(() -> resolver.resolve(customer, sipShaped, sip, false));
        assertEquals("source: " + squatted + " is not a number of this customer" + noDefault, e.getStatus().getDescription());
        // another customer's number is no better
        Number foreign = number(Ids.newId(), Number.TYPE_NORMAL);
        e = failure(() -> resolver.resolve(customer, tel(foreign.number), sip, false));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        // the customer's own number is kept; with a default, an unowned one falls back to it
        Number own = number(customer, Number.TYPE_NORMAL);
        assertEquals(tel(own.number), run(() -> resolver.resolve(customer, tel(own.number), sip, false)));
        setDefault(customer, own);
        assertEquals(defaultSource(own), run(() -> resolver.resolve(customer, tel(squatted), sip, false)));
    }

    @Test
    void sipDestinationsReachOnlyTheCustomersOwnDomain() {
        UUID customer = Ids.newId();
        String own = resolver.registrarDomain(customer);
        assertEquals(customer + ".registrar.voipbin.net", own);
        run(() -> resolver.checkDestinationAllowed(customer, ownSip(customer, "1001")));
        run(() -> resolver.checkDestinationAllowed(customer, sip("1001@" + own.toUpperCase() + ":5060;transport=tcp")));
        for (String target : List.of("sip:+14155551234@pstn.evil-carrier.example", "bob@example.com",
                "sip:1001@" + Ids.newId() + ".registrar.voipbin.net", "sip:1001@" + own + ".evil.example",
                "sip:1001@" + own + ";maddr=203.0.113.9", "sip:1001@" + own + "?Route=%3Csip:203.0.113.9%3E")) {
            StatusRuntimeException e = failure(() -> resolver.checkDestinationAllowed(customer, sip(target)));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), target);
            assertTrue(e.getStatus().getDescription().startsWith("destination: "), e.getStatus().getDescription());
        }
    }

    private static Address sip(String target) {
        return Address.newBuilder().setType("sip").setTarget(target).build();
    }

    @Test
    void theWhitelistAllowsOnlyItsCountriesAndEmptyAllowsAll() {
        UUID customer = Ids.newId();
        Address korea = TEL_DESTINATION;
        Address us = Address.newBuilder().setType("tel").setTarget("+14155551234").build();
        Address uk = Address.newBuilder().setType("tel").setTarget("+442071234567").build();

        // no config, then an empty whitelist: every country
        run(() -> resolver.checkDestinationAllowed(customer, uk));
        run(() -> configs.get(customer));
        run(() -> resolver.checkDestinationAllowed(customer, uk));

        run(() -> configs.update(customer, List.of(OutboundConfigService.DESTINATION_WHITELIST), null, null,
                List.of("US", "kr"), null, null));
        run(() -> resolver.checkDestinationAllowed(customer, us));
        run(() -> resolver.checkDestinationAllowed(customer, korea));
        StatusRuntimeException e = failure(() -> resolver.checkDestinationAllowed(customer, uk));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("destination: calls to country 'gb' (+442071234567) are not allowed by the outbound config's "
                + "destination_whitelist [us, kr]", e.getStatus().getDescription());
        e = failure(() -> resolver.checkDestinationAllowed(customer,
                Address.newBuilder().setType("tel").setTarget("+80012345678").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("destination: the country of +80012345678 is unknown"),
                e.getStatus().getDescription());
        // a sip destination dialling a number is subject to the whitelist too; one without a number is not
        e = failure(() -> resolver.checkDestinationAllowed(customer, sip("sip:+442071234567@" + resolver.registrarDomain(customer))));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("destination: calls to country 'gb'"), e.getStatus().getDescription());
        run(() -> resolver.checkDestinationAllowed(customer, sip("sip:+14155551234@" + resolver.registrarDomain(customer))));
        run(() -> resolver.checkDestinationAllowed(customer, ownSip(customer, "1001")));
        // another customer's whitelist does not apply
        run(() -> resolver.checkDestinationAllowed(Ids.newId(), uk));
        assertEquals("gb", SourceResolver.country("+442071234567"));
    }
}
