package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.mapping.NumberMapper;
import net.voipbin.call.model.Number;
import net.voipbin.call.repository.AvailableNumberRepository;
import net.voipbin.call.repository.NumberRepository;
import net.voipbin.common.db.EventOutbox;
import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.common.json.PublicJson;
import net.voipbin.common.time.TimeFormat;
import net.voipbin.common.validation.PhoneNumbers;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Numbers: a customer's E.164 numbers, each owned by at most one live customer. A normal number is
 * bought from the operator's inventory ({@link AvailableNumberService}); a virtual one (+899, not
 * reachable from the PSTN, never a caller id) needs none. Changes publish
 * {@code number_created|number_updated|number_deleted} (data = the public Number JSON) through the
 * outbox, in the transaction of the change.
 */
@ApplicationScoped
public class NumberService {

    public static final String CREATED = "number_created";
    public static final String UPDATED = "number_updated";
    public static final String DELETED = "number_deleted";

    static final Set<String> TYPES = Set.of(Number.TYPE_NORMAL, Number.TYPE_VIRTUAL);
    static final int NAME_MAX = 255;
    static final int DETAIL_MAX = 4096;

    /** Virtual numbers are not real E.164 numbers: +899 and 9 digits (libphonenumber knows no +899). */
    private static final Pattern VIRTUAL = Pattern.compile("\\+899[0-9]{9}");
    private static final Pattern PUNCTUATION = Pattern.compile("[\\s\\-().]");
    private static final Pattern E164_SHAPE = Pattern.compile("\\+[0-9]{2,15}");
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    /** +899000xxxxxx is reserved by the reference for the platform's own use. */
    private static final String VIRTUAL_RESERVED = "+899000";

    private final NumberRepository numbers;
    private final AvailableNumberRepository inventory;
    private final EventOutbox outbox;

    public NumberService(NumberRepository numbers, AvailableNumberRepository inventory, EventOutbox outbox) {
        this.numbers = numbers;
        this.inventory = inventory;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Number> create(UUID customerId, String number, String type, String callFlowId, String messageFlowId,
                              String name, String detail) {
        String numberType = type == null || type.isBlank() ? Number.TYPE_NORMAL : type;
        if (!TYPES.contains(numberType)) {
            throw Errors.invalidArgument("type", "must be one of " + TYPES + ", got '" + type + "'");
        }
        String e164 = normaliseNumber(number, numberType);
        Number row = new Number();
        row.id = Ids.newId();
        row.customerId = customerId;
        row.number = e164;
        row.type = numberType;
        row.callFlowId = optionalId("call_flow_id", callFlowId);
        row.messageFlowId = optionalId("message_flow_id", messageFlowId);
        row.name = checkName(name);
        row.detail = checkDetail(detail);
        row.status = Number.STATUS_ACTIVE;
        row.tmCreate = TimeFormat.now();
        // Normal numbers only from the inventory. The row lock queues racing buyers: the second one
        // then sees the first one's committed number and is told it is taken.
        Uni<Void> inInventory = Number.TYPE_VIRTUAL.equals(numberType) ? Uni.createFrom().voidItem()
                : inventory.lock(e164).invoke(available -> {
                    if (available == null) {
                        throw Errors.invalidArgument("number", e164 + " is not an available number; buy one that"
                                + " GET /v1.0/available_numbers lists, or a virtual (+899) number");
                    }
                }).replaceWithVoid();
        return inInventory.chain(() -> numbers.findLiveByNumber(e164))
                .invoke(existing -> {
                    if (existing != null) {
                        throw taken(e164);
                    }
                })
                // The unique live_number key settles a race the check above cannot see.
                .chain(() -> numbers.persistAndFlush(row))
                .onFailure(NumberService::isDuplicateKey).transform(e -> taken(e164))
                .call(created -> outbox.add(CREATED, customerId, PublicJson.toJson(NumberMapper.toProto(created))));
    }

    @WithSession
    public Uni<Number> get(UUID customerId, UUID id) {
        return numbers.findForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("number", id));
    }

    /** Newest first, {@code limit} rows older than {@code after}; {@code number} ("" = all) filters exactly. */
    @WithSession
    public Uni<List<Number>> list(UUID customerId, UUID after, int limit, String number) {
        String filter = number == null ? "" : PUNCTUATION.matcher(number).replaceAll("");
        if (!filter.isEmpty() && !E164_SHAPE.matcher(filter).matches()) {
            throw Errors.invalidArgument("number", "filter must be an E.164 number like +14155551234, got '" + number + "'");
        }
        return numbers.listFiltered(customerId, after, limit, filter);
    }

    /** Replaces name, detail, call_flow_id and message_flow_id; status "" keeps it ("active" is the only other value). */
    @WithTransaction
    public Uni<Number> update(UUID customerId, UUID id, String callFlowId, String messageFlowId, String name, String detail,
                              String status) {
        UUID callFlow = optionalId("call_flow_id", callFlowId);
        UUID messageFlow = optionalId("message_flow_id", messageFlowId);
        String newName = checkName(name);
        String newDetail = checkDetail(detail);
        if (status != null && !status.isEmpty() && !Number.STATUS_ACTIVE.equals(status)) {
            throw Errors.invalidArgument("status", "must be empty (keep) or 'active'; delete a number with DeleteNumber, got '"
                    + status + "'");
        }
        return numbers.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("number", id))
                .invoke(row -> {
                    row.callFlowId = callFlow;
                    row.messageFlowId = messageFlow;
                    row.name = newName;
                    row.detail = newDetail;
                    row.tmUpdate = TimeFormat.now();
                })
                .call(row -> outbox.add(UPDATED, customerId, PublicJson.toJson(NumberMapper.toProto(row))));
    }

    /** Replaces the metadata of the customer's own live number (another customer's id: NOT_FOUND). */
    @WithTransaction
    public Uni<Number> updateMetadata(UUID customerId, UUID id, boolean rtpDebug) {
        return numbers.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("number", id))
                .invoke(row -> {
                    row.rtpDebug = rtpDebug;
                    row.tmUpdate = TimeFormat.now();
                })
                .call(row -> outbox.add(UPDATED, customerId, PublicJson.toJson(NumberMapper.toProto(row))));
    }

    /**
     * Soft delete: status deleted, tm_delete set. A normal number is then available again (its
     * inventory row was never removed); a virtual one can be created again by anyone.
     */
    @WithTransaction
    public Uni<Number> delete(UUID customerId, UUID id) {
        return numbers.lockForCustomer(customerId, id)
                .onItem().ifNull().failWith(() -> Errors.notFound("number", id))
                .invoke(row -> {
                    row.status = Number.STATUS_DELETED;
                    row.tmUpdate = TimeFormat.now();
                    row.tmDelete = row.tmUpdate;
                })
                .call(row -> outbox.add(DELETED, customerId, PublicJson.toJson(NumberMapper.toProto(row))));
    }

    /**
     * Incoming-call routing: the active, not deleted number {@code e164}, whichever customer owns it
     * (this is how an inbound call finds its tenant); null when none.
     */
    @WithSession
    public Uni<Number> findActiveByNumber(String e164) {
        if (e164 == null || e164.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return numbers.findLiveByNumber(e164)
                .map(n -> n != null && Number.STATUS_ACTIVE.equals(n.status) ? n : null);
    }

    /** The number as stored: punctuation stripped, then strict E.164 (normal) or +899 and 9 digits (virtual). */
    static String normaliseNumber(String number, String type) {
        if (number == null || number.isBlank()) {
            throw Errors.invalidArgument("number", "is required, an E.164 number like +14155551234");
        }
        String value = PUNCTUATION.matcher(number).replaceAll("");
        if (Number.TYPE_VIRTUAL.equals(type)) {
            if (!VIRTUAL.matcher(value).matches()) {
                throw Errors.invalidArgument("number", "a virtual number must be +899 followed by 9 digits, got '" + number + "'");
            }
            if (value.startsWith(VIRTUAL_RESERVED)) {
                throw Errors.invalidArgument("number", VIRTUAL_RESERVED + "xxxxxx virtual numbers are reserved, got '" + number + "'");
            }
            return value;
        }
        if (value.startsWith("+899")) {
            throw Errors.invalidArgument("type", "+899 numbers are virtual: create them with type 'virtual'");
        }
        if (!PhoneNumbers.isE164(value)) {
            throw Errors.invalidArgument("number", "must be E.164 like +14155551234, got '" + number + "'");
        }
        return value;
    }

    /** An optional id: "" and the nil UUID mean none. */
    public static UUID optionalId(String field, String value) {
        if (value == null || value.isBlank() || NIL.equals(value.trim())) {
            return null;
        }
        return Ids.parse(field, value);
    }

    static String checkName(String name) {
        if (name != null && name.length() > NAME_MAX) {
            throw Errors.invalidArgument("name", "must be at most " + NAME_MAX + " characters");
        }
        return name == null ? "" : name;
    }

    static String checkDetail(String detail) {
        if (detail != null && detail.length() > DETAIL_MAX) {
            throw Errors.invalidArgument("detail", "must be at most " + DETAIL_MAX + " characters");
        }
        return detail == null ? "" : detail;
    }

    private static RuntimeException taken(String e164) {
        return Errors.alreadyExists("number: " + e164 + " is already owned by a customer");
    }

    /** A unique-key violation (MariaDB error 1062) somewhere in the cause chain. */
    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("Duplicate entry")) {
                return true;
            }
        }
        return false;
    }
}
