package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import net.voipbin.call.config.CallConfig;
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
 * The caller id and destination rules of an outgoing call (seed 000, notes section 3.3 and 3.2 step
 * 6), applied to every destination type: a {@code sip} destination must not become the way around
 * them (toll fraud: a spoofed caller id, or a call to a forbidden country through a SIP URI).
 *
 * <p>Source: a phone-number-shaped source (type {@code tel}, or a target / SIP user part starting
 * with {@code +}) must be this customer's normal, active, not deleted number; otherwise the outbound
 * config's {@code default_outgoing_source_number_id}, re-validated the same way, becomes the source
 * {@code {type:tel, target:<num>, target_name:<num>}}; otherwise the call is refused with
 * FAILED_PRECONDITION whose description starts with {@code source:} and says why. For a {@code tel}
 * destination every source is checked so (an empty or non-number one falls back too); for a
 * {@code sip} destination a source that is not a number (a SIP or extension identity) is kept as
 * given, since the destination is one of the customer's own endpoints. {@code skip_source_validation}
 * (call metadata; only internal RPC callers can set it, the gateway never passes metadata) keeps
 * the source as given.
 *
 * <p>Destination: a {@code sip} destination must be {@code user@<customer_id>.registrar.<sip-domain>}
 * (the customer's own extensions) with no URI parameter but {@code transport} and no headers
 * ({@code maddr} or a header could send the INVITE elsewhere), else PERMISSION_DENIED. With a
 * non-empty destination_whitelist the country of a {@code tel} destination, or of a {@code sip}
 * destination whose user part is an E.164 number, must be listed, else PERMISSION_DENIED. An empty
 * whitelist, or no config, allows every country.
 */
@ApplicationScoped
public class SourceResolver {

    /** The reference's caller check (+ and 7-15 digits); ownership, type and status are then looked up. */
    private static final Pattern E164_SHAPE = Pattern.compile("\\+[0-9]{7,15}");

    private final NumberRepository numbers;
    private final OutboundConfigRepository configs;
    private final CallConfig config;

    public SourceResolver(NumberRepository numbers, OutboundConfigRepository configs, CallConfig config) {
        this.numbers = numbers;
        this.configs = configs;
        this.config = config;
    }

    /** The source the call goes out with; fails FAILED_PRECONDITION ("source: ...") when there is none. */
    @WithSession
    public Uni<Address> resolve(UUID customerId, Address source, Address destination, boolean skipValidation) {
        Address given = source == null ? Address.getDefaultInstance() : source;
        if (destination == null || skipValidation) {
            return Uni.createFrom().item(given);
        }
        String target = callerNumber(given);
        if (!Addresses.TEL.equals(destination.getType()) && target == null) {
            return Uni.createFrom().item(given);
        }
        if (target == null) {
            target = given.getTarget().trim();
        }
        String number = target;
        Uni<String> why;
        if (number.isEmpty()) {
            why = Uni.createFrom().item("no source number was given");
        } else if (!E164_SHAPE.matcher(number).matches()) {
            why = Uni.createFrom().item("'" + number + "' is not an E.164 number");
        } else {
            why = numbers.findLiveForCustomer(customerId, number).map(owned -> {
                String reason = OutboundConfigService.unusable(owned);
                return reason == null ? null : number + " " + reason.replace("(" + number + ") ", "");
            });
        }
        return why.chain(reason -> reason == null
                ? Uni.createFrom().item(given.toBuilder().setType(Addresses.TEL).setTarget(number).build())
                : fallback(customerId, reason));
    }

    /**
     * The phone number a source claims to call from: a {@code tel} source's target, any target
     * starting with {@code +}, or the user part of a SIP URI starting with {@code +}; null when the
     * source is not a number (a SIP or extension identity).
     */
    static String callerNumber(Address source) {
        String target = source.getTarget().trim();
        String user = sipUser(target);
        if (user != null) {
            return user.startsWith("+") || Addresses.TEL.equals(source.getType()) ? user : null;
        }
        return Addresses.TEL.equals(source.getType()) || target.startsWith("+") ? target : null;
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

    /**
     * Fails PERMISSION_DENIED when a {@code sip} destination is not one of the customer's own
     * endpoints, or when the destination's country (tel, or a sip user part that is E.164) is not
     * in a non-empty whitelist.
     */
    @WithSession
    public Uni<Void> checkDestinationAllowed(UUID customerId, Address destination) {
        if (destination == null) {
            return Uni.createFrom().voidItem();
        }
        String target = destination.getTarget().trim();
        String dialled;
        if (Addresses.SIP.equals(destination.getType())) {
            checkSipHost(customerId, target);
            String user = sipUser(target);
            dialled = user != null && E164_SHAPE.matcher(user).matches() ? user : null;
        } else {
            dialled = Addresses.TEL.equals(destination.getType()) ? target : null;
        }
        if (dialled == null) {
            return Uni.createFrom().voidItem();
        }
        return configs.findByCustomer(customerId).invoke(config -> {
            List<String> whitelist = config == null ? List.of() : OutboundConfigMapper.whitelist(config);
            if (whitelist.isEmpty()) {
                return;
            }
            String country = country(dialled);
            if (country == null) {
                throw Errors.permissionDenied("destination: the country of " + dialled
                        + " is unknown, and the outbound config's destination_whitelist allows only " + whitelist);
            }
            if (!whitelist.contains(country)) {
                throw Errors.permissionDenied("destination: calls to country '" + country + "' (" + dialled
                        + ") are not allowed by the outbound config's destination_whitelist " + whitelist);
            }
        }).replaceWithVoid();
    }

    /** The customer's own SIP domain: where its extensions register. */
    public String registrarDomain(UUID customerId) {
        return customerId + ".registrar." + config.sipDomain();
    }

    private void checkSipHost(UUID customerId, String target) {
        String own = registrarDomain(customerId);
        String uri = stripScheme(target);
        int at = uri.indexOf('@');
        String hostPart = at < 0 ? "" : uri.substring(at + 1);
        if (hostPart.contains("?")) {
            throw Errors.permissionDenied("destination: SIP URI headers are not allowed in a sip destination ('" + target + "')");
        }
        String[] params = hostPart.split(";");
        for (int i = 1; i < params.length; i++) {
            String name = params[i].split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!"transport".equals(name)) {
                throw Errors.permissionDenied("destination: the SIP URI parameter '" + name
                        + "' is not allowed in a sip destination (only transport)");
            }
        }
        String host = params[0].trim().toLowerCase(Locale.ROOT);
        int port = host.lastIndexOf(':');
        if (port > 0 && !host.endsWith("]")) {
            host = host.substring(0, port);
        }
        if (!own.equalsIgnoreCase(host)) {
            throw Errors.permissionDenied("destination: sip destinations may reach only this customer's own SIP domain "
                    + own + ", not '" + host + "'");
        }
    }

    private static String stripScheme(String target) {
        String t = target.trim();
        if (t.regionMatches(true, 0, "sips:", 0, 5)) {
            return t.substring(5);
        }
        if (t.regionMatches(true, 0, "sip:", 0, 4)) {
            return t.substring(4);
        }
        return t;
    }

    /** The user part of a SIP URI ({@code sip:+1555@host} -> {@code +1555}); null without one. */
    static String sipUser(String target) {
        String uri = stripScheme(target);
        int at = uri.indexOf('@');
        return at <= 0 ? null : uri.substring(0, at).trim();
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
