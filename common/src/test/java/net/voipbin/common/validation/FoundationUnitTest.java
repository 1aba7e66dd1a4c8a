package net.voipbin.common.validation;

import io.grpc.Status;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.page.Paging;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.proto.common.v1.Address;
import net.voipbin.proto.common.v1.PageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static net.voipbin.common.testing.ServiceChecks.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids, paging, times, errors and address validation: pure functions, no infrastructure. */
class FoundationUnitTest {

    @Test
    void idsAreVersion7AndSortByCreation() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.newId());
        }
        ids.forEach(id -> assertEquals(7, id.version()));
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(Paging.token(ids.get(i - 1)).length() > 0);
            assertTrue(compareUnsigned(ids.get(i - 1), ids.get(i)) < 0, "ids must increase");
        }
        assertInvalid("id", () -> Ids.parse("id", "nope"));
        assertInvalid("id", () -> Ids.parse("id", ""));
        assertNull(Ids.parseOptional("id", ""));
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    @Test
    void pageTokensRoundTripAndSizesAreBounded() {
        UUID id = Ids.newId();
        assertEquals(id, Paging.after(PageRequest.newBuilder().setPageToken(Paging.token(id)).build()));
        assertNull(Paging.after(PageRequest.getDefaultInstance()));
        assertEquals(100, Paging.size(PageRequest.getDefaultInstance()));
        assertEquals(5, Paging.size(PageRequest.newBuilder().setPageSize(5).build()));
        assertInvalid("page_size", () -> Paging.size(PageRequest.newBuilder().setPageSize(101).build()));
        assertInvalid("page_token", () -> Paging.after(PageRequest.newBuilder().setPageToken("garbage!").build()));
    }

    @Test
    void timesAreIso8601UtcWithMicroseconds() {
        Instant t = Instant.parse("2026-11-24T10:15:30.123456789Z");
        assertEquals("2026-11-24T10:15:30.123456Z", TimeFormat.format(t));
        assertEquals("2026-11-24T10:15:30.000000Z", TimeFormat.format(Instant.parse("2026-11-24T10:15:30Z")));
        assertEquals("", TimeFormat.format(null));
        assertEquals(0, TimeFormat.now().getNano() % 1000);
    }

    @Test
    void grpcCodesMapToTheDocumentedHttpStatuses() {
        assertEquals(400, Errors.httpStatus(Status.INVALID_ARGUMENT));
        assertEquals(404, Errors.httpStatus(Status.NOT_FOUND));
        assertEquals(409, Errors.httpStatus(Status.FAILED_PRECONDITION));
        assertEquals(403, Errors.httpStatus(Status.PERMISSION_DENIED));
        assertEquals(402, Errors.httpStatus(Errors.paymentRequired("balance 0").getStatus()));
        assertEquals(429, Errors.httpStatus(Status.RESOURCE_EXHAUSTED.withDescription("rate limit")));
        assertEquals(504, Errors.httpStatus(Status.DEADLINE_EXCEEDED));
    }

    @Test
    void e164NumbersAreValidatedAndNormalised() {
        assertTrue(PhoneNumbers.isE164("+14155551234"));
        assertTrue(PhoneNumbers.isE164("+821012345678"));
        assertFalse(PhoneNumbers.isE164("14155551234"));
        assertFalse(PhoneNumbers.isE164("+1415555"));
        assertFalse(PhoneNumbers.isE164("+0123456789"));
        assertTrue(PhoneNumbers.isE164("+15551234567"), "the documentation's 555 examples are well-formed");
        assertFalse(PhoneNumbers.isE164("+1555123456789"), "too long for +1");
        assertEquals("+821012345678", PhoneNumbers.normalize("number", "010-1234-5678", "KR"));
        assertEquals("KR", PhoneNumbers.region("+821012345678"));
        assertInvalid("destination.target", () -> PhoneNumbers.requireE164("destination.target", "12345"));
    }

    @Test
    void addressesAreValidatedByType() {
        Addresses.require("source", Address.newBuilder().setType("tel").setTarget("+14155551234").build());
        Addresses.require("source", Address.newBuilder().setType("sip").setTarget("sip:alice@example.com").build());
        Addresses.require("source", Address.newBuilder().setType("agent").setTarget(Ids.newId().toString()).build());
        Addresses.require("source", Address.newBuilder().setType("email").setTarget("a@b.io").build());
        assertInvalid("source.type", () -> Addresses.require("source", Address.getDefaultInstance()));
        assertInvalid("source.type", () -> Addresses.require("source", Address.newBuilder().setType("fax").setTarget("x").build()));
        assertInvalid("destinations[0].target", () -> Addresses.require("destinations[0]",
                Address.newBuilder().setType("tel").setTarget("555-1234").build()));
        assertInvalid("source.target", () -> Addresses.require("source",
                Address.newBuilder().setType("agent").setTarget("bob").build()));
        assertInvalid("source.target", () -> Addresses.require("source",
                Address.newBuilder().setType("sip").setTarget("not a uri").build()));
    }
}
