package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.mapping.OutboundConfigMapper;
import net.voipbin.call.repository.NumberRepository;
import net.voipbin.call.repository.OutboundConfigRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.validation.Addresses;
import net.voipbin.common.validation.PhoneNumbers;
import net.voipbin.proto.common.v1.Address;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The caller id and destination rules of an outgoing call (seed 000, notes section 3.3 and 3.2 step 6).
 *
 * <p>Source, for a {@code tel} destination only: a source whose target is E.164 and is this
 * customer's normal, active, not deleted number is kept as given; otherwise the outbound config's
 * {@code default_outgoing_source_number_id}, re-validated the same way, becomes the source
 * {@code {type:tel, target:<num>, target_name:<num>}}; otherwise the call is refused with
 * FAILED_PRECONDITION whose description starts with {@code source:} and says why. Other destination
 * types and {@code skip_source_validation} keep the source as given.
 *
 * <p>Destination, for {@code tel} only: with a non-empty destination_whitelist the number's
 * country (libphonenumber region, lower case) must be listed, else PERMISSION_DENIED. An empty
 * whitelist, or no config, allows every country.
 */
@ApplicationScoped
public class SourceResolver {

    /** The reference's caller check (+ and 7-15 digits); ownership, type and status are then looked up. */
    private static final Pattern E164_SHAPE = Pattern.compile("\\+[0-9]{7,15}");

    private final NumberRepository numbers;
    private final OutboundConfigRepository configs;

    public SourceResolver(NumberRepository numbers, OutboundConfigRepository configs) {
        this.numbers = numbers;
        this.configs = configs;
    }

    /** The source the call goes out with; fails FAILED_PRECONDITION ("source: ...") when there is none. */
    @WithSession
    public Uni<Address> resolve(UUID customerId, Address source, Address destination, boolean skipValidation) {
        Address given = source == null ? Address.getDefaultInstance() : source;
        if (destination == null || !Addresses.TEL.equals(destination.getType()) || skipValidation) {
            return Uni.createFrom().item(given);
        }
        String target = given.getTarget().trim();
        Uni<String> why;
        if (target.isEmpty()) {
            why = Uni.createFrom().item("no source number was given");
        } else if (!E164_SHAPE.matcher(target).matches()) {
            why = Uni.createFrom().item("'" + target + "' is not an E.164 number");
        } else {
            why = numbers.findLiveForCustomer(customerId, target).map(number -> {
                String reason = OutboundConfigService.unusable(number);
                return reason == null ? null : target + " " + reason.replace("(" + target + ") ", "");
            });
        }
        return why.chain(reason -> reason == null
                ? Uni.createFrom().item(given.toBuilder().setType(Addresses.TEL).setTarget(target).build())
                : fallback(customerId, reason));
    }

    private Uni<Address> fallback(UUID customerId, String reason) {
        return configs.findByCustomer(customerId).chain(config -> {
            UUID numberId = config == null ? null : config.defaultOutgoingSourceNumberId;
            if (numberId == null) {
                return Uni.createFrom().failure(Errors.failedPrecondition("source: " + reason
                        + ", and no default outgoing source number is configured (outbound config default_outgoing_source_number_id)"));
            }
            return numbers.findForCustomer(customerId, numberId).map(number -> {
                String defaultWhy = OutboundConfigService.unusable(number);
                if (defaultWhy != null) {
                    throw Errors.failedPrecondition("source: " + reason + ", and the default outgoing source number "
                            + numberId + " " + defaultWhy);
                }
                return Address.newBuilder().setType(Addresses.TEL).setTarget(number.number).setTargetName(number.number).build();
            });
        });
    }

    /** Fails PERMISSION_DENIED when a tel destination's country is not in a non-empty whitelist. */
    @WithSession
    public Uni<Void> checkDestinationAllowed(UUID customerId, Address destination) {
        if (destination == null || !Addresses.TEL.equals(destination.getType())) {
            return Uni.createFrom().voidItem();
        }
        return configs.findByCustomer(customerId).invoke(config -> {
            List<String> whitelist = config == null ? List.of() : OutboundConfigMapper.whitelist(config);
            if (whitelist.isEmpty()) {
                return;
            }
            String target = destination.getTarget();
            String country = country(target);
            if (country == null) {
                throw Errors.permissionDenied("destination: the country of " + target
                        + " is unknown, and the outbound config's destination_whitelist allows only " + whitelist);
            }
            if (!whitelist.contains(country)) {
                throw Errors.permissionDenied("destination: calls to country '" + country + "' (" + target
                        + ") are not allowed by the outbound config's destination_whitelist " + whitelist);
            }
        }).replaceWithVoid();
    }

    /** Lower-case ISO 3166 alpha-2 country of an E.164 number; null when unknown or non-geographic. */
    public static String country(String e164) {
        if (!PhoneNumbers.isE164(e164)) {
            return null;
        }
        String region = PhoneNumbers.region(e164);
        if (region == null || region.length() != 2 || "ZZ".equals(region)) {
            return null;
        }
        return region.toLowerCase(Locale.ROOT);
    }
}
