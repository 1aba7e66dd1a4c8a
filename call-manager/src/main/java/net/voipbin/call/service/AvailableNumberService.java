package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.model.AvailableNumber;
import net.voipbin.call.model.Number;
import net.voipbin.call.repository.AvailableNumberRepository;
import net.voipbin.call.repository.NumberRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.time.TimeFormat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The operator's number inventory (openapi {@code /available_numbers}). Customers buy from it with
 * CreateNumber; what they own stays in it, hidden from the list, and is available again once the
 * customer deletes its number. Who may provision is api-manager's business (project superadmin).
 */
@ApplicationScoped
public class AvailableNumberService {

    static final Set<String> FEATURES = Set.of("emergency", "fax", "mms", "sms", "voice");
    static final int MAX_PAGE = 100;

    private final AvailableNumberRepository inventory;
    private final NumberRepository numbers;

    public AvailableNumberService(AvailableNumberRepository inventory, NumberRepository numbers) {
        this.inventory = inventory;
        this.numbers = numbers;
    }

    /** Adds a normal number; one already in the inventory is returned as it is (idempotent). */
    @WithTransaction
    public Uni<AvailableNumber> provision(String number, String region, String postalCode, List<String> features) {
        if (number != null && number.trim().startsWith("+899")) {
            throw Errors.invalidArgument("number", "+899 numbers are virtual: customers create them without an inventory");
        }
        String e164 = NumberService.normaliseNumber(number, Number.TYPE_NORMAL);
        String country = net.voipbin.common.validation.PhoneNumbers.regionOrMain(e164);
        if (country == null) {
            throw Errors.invalidArgument("number", e164 + " belongs to no country; the inventory holds geographic numbers");
        }
        AvailableNumber row = new AvailableNumber();
        row.number = e164;
        row.country = country.toUpperCase(Locale.ROOT);
        row.region = bounded("region", region, 255);
        row.postalCode = bounded("postal_code", postalCode, 32);
        row.features = String.join(",", features(features));
        row.tmCreate = TimeFormat.now();
        return inventory.lock(e164).chain(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : inventory.persistAndFlush(row));
    }

    /** Takes a number out of the inventory; refused while a customer owns it. */
    @WithTransaction
    public Uni<AvailableNumber> remove(String number) {
        String e164 = NumberService.normaliseNumber(number, Number.TYPE_NORMAL);
        return inventory.lock(e164)
                .onItem().ifNull().failWith(() -> Errors.notFound("available number", e164))
                .call(row -> numbers.findLiveByNumber(e164).invoke(owned -> {
                    if (owned != null) {
                        throw Errors.failedPrecondition("number: " + e164
                                + " is owned by a customer; it can leave the inventory once the customer deletes it");
                    }
                }))
                .call(inventory::delete);
    }

    /**
     * Normal: inventory numbers nobody owns, of {@code countryCode} (ISO alpha-2, any case; required
     * by the contract, "" lists all for the operator). Virtual: up to {@code pageSize} random +899
     * numbers nobody holds now (a suggestion; CreateNumber settles who gets one).
     */
    @WithSession
    public Uni<List<AvailableNumber>> list(String type, String countryCode, int pageSize) {
        int size = pageSize <= 0 ? MAX_PAGE : Math.min(pageSize, MAX_PAGE);
        String numberType = type == null || type.isBlank() ? Number.TYPE_NORMAL : type;
        if (Number.TYPE_VIRTUAL.equals(numberType)) {
            return virtualSuggestions(size);
        }
        if (!Number.TYPE_NORMAL.equals(numberType)) {
            throw Errors.invalidArgument("type", "must be normal or virtual, got '" + type + "'");
        }
        String country = countryCode == null ? "" : countryCode.trim().toUpperCase(Locale.ROOT);
        if (!country.isEmpty() && !Set.of(Locale.getISOCountries()).contains(country)) {
            throw Errors.invalidArgument("country_code", "must be an ISO 3166 alpha-2 code like US, got '" + countryCode + "'");
        }
        return inventory.listUnowned(country, size);
    }

    private Uni<List<AvailableNumber>> virtualSuggestions(int size) {
        Set<String> candidates = new LinkedHashSet<>();
        while (candidates.size() < size) {
            // 001000000-999999999: never the reserved +899000xxxxxx block
            candidates.add("+899" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000, 1_000_000_000)));
        }
        List<String> padded = List.copyOf(candidates);
        return numbers.find("number in ?1 and tmDelete is null", padded).list().map(taken -> {
            Set<String> held = new java.util.HashSet<>();
            taken.forEach(n -> held.add(n.number));
            List<AvailableNumber> out = new ArrayList<>();
            for (String n : padded) {
                if (!held.contains(n)) {
                    AvailableNumber a = new AvailableNumber();
                    a.number = n;
                    a.country = "";
                    a.features = "voice";
                    out.add(a);
                }
            }
            return out;
        });
    }

    static List<String> features(List<String> features) {
        if (features == null || features.isEmpty()) {
            return List.of("voice");
        }
        List<String> out = new ArrayList<>();
        for (String f : features) {
            String feature = f == null ? "" : f.trim().toLowerCase(Locale.ROOT);
            if (!FEATURES.contains(feature)) {
                throw Errors.invalidArgument("features", "each must be one of " + FEATURES + ", got '" + f + "'");
            }
            if (!out.contains(feature)) {
                out.add(feature);
            }
        }
        return out;
    }

    private static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw Errors.invalidArgument(field, "must be at most " + max + " characters");
        }
        return value == null ? "" : value.trim();
    }
}
