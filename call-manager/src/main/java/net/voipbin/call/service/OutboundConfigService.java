package net.voipbin.call.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.call.mapping.OutboundConfigMapper;
import net.voipbin.call.model.Number;
import net.voipbin.call.model.OutboundConfig;
import net.voipbin.call.repository.NumberRepository;
import net.voipbin.call.repository.OutboundConfigRepository;
import net.voipbin.common.error.Errors;
import net.voipbin.common.time.TimeFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Each customer's outbound config: one live row, created empty on first read. An empty
 * destination_whitelist allows every country (a deliberate difference from the reference, which
 * denies all PSTN calls then).
 */
@ApplicationScoped
public class OutboundConfigService {

    public static final String NAME = "name";
    public static final String DETAIL = "detail";
    public static final String DESTINATION_WHITELIST = "destination_whitelist";
    public static final String CODECS = "codecs";
    public static final String DEFAULT_NUMBER = "default_outgoing_source_number_id";
    public static final Set<String> MASK_FIELDS = Set.of(NAME, DETAIL, DESTINATION_WHITELIST, CODECS, DEFAULT_NUMBER);

    static final Set<String> COUNTRIES = Arrays.stream(Locale.getISOCountries())
            .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    private static final Pattern CODEC_LIST =
            Pattern.compile("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*(,[A-Za-z0-9]+(-[A-Za-z0-9]+)*)*$");
    private static final int CODECS_MAX = 255;

    private final OutboundConfigRepository configs;
    private final NumberRepository numbers;

    public OutboundConfigService(OutboundConfigRepository configs, NumberRepository numbers) {
        this.configs = configs;
        this.numbers = numbers;
    }

    /** The customer's config without creating one; null when it has never been read or written. */
    @WithSession
    public Uni<OutboundConfig> find(UUID customerId) {
        return configs.findByCustomer(customerId);
    }

    /**
     * The customer's config, created empty on first read. Concurrent first reads (any replica)
     * create one row: INSERT IGNORE on the unique live key, then a locking read, which sees the
     * latest committed row whatever the caller's transaction snapshot is.
     */
    @WithSession
    public Uni<OutboundConfig> get(UUID customerId) {
        return configs.findByCustomer(customerId)
                .onItem().ifNull().switchTo(() -> Panache.withTransaction(() -> configs.insertEmptyIfAbsent(customerId)
                        .chain(() -> configs.findByCustomer(customerId, LockModeType.PESSIMISTIC_READ))))
                .onItem().ifNull().failWith(() -> new IllegalStateException("outbound config of " + customerId + " vanished"));
    }

    /** The caller's own config as a one-row list (created on first read like {@link #get}). */
    @WithSession
    public Uni<List<OutboundConfig>> list(UUID customerId, UUID after) {
        return get(customerId).map(config -> after == null || config.id.compareTo(after) < 0 ? List.of(config) : List.of());
    }

    /**
     * Applies the fields named in {@code mask} (names as in the proto; others are ignored, an
     * unknown name is INVALID_ARGUMENT {@code update_mask}). {@code defaultNumberId} "" or the nil
     * UUID clears the default; otherwise it must be this customer's normal, active number.
     */
    public Uni<OutboundConfig> update(UUID customerId, Collection<String> mask, String name, String detail,
                                      List<String> whitelist, String codecs, String defaultNumberId) {
        return Uni.createFrom().deferred(() -> {
            Set<String> fields = new LinkedHashSet<>();
            for (String field : mask) {
                if (!MASK_FIELDS.contains(field)) {
                    throw Errors.invalidArgument("update_mask", "unknown field '" + field + "'; allowed: " + MASK_FIELDS);
                }
                fields.add(field);
            }
            String newName = fields.contains(NAME) ? NumberService.checkName(name) : null;
            String newDetail = fields.contains(DETAIL) ? NumberService.checkDetail(detail) : null;
            List<String> newWhitelist = fields.contains(DESTINATION_WHITELIST) ? normaliseWhitelist(whitelist) : null;
            String newCodecs = fields.contains(CODECS) ? checkCodecs(codecs) : null;
            UUID newDefault = fields.contains(DEFAULT_NUMBER) ? NumberService.optionalId(DEFAULT_NUMBER, defaultNumberId) : null;
            if (fields.isEmpty()) {
                return Panache.withSession(() -> get(customerId));
            }
            // Created (if need be) outside the locking transaction: two first writers never meet in a gap lock.
            return Panache.withSession(() -> get(customerId))
                    .chain(() -> Panache.withTransaction(() -> configs.findByCustomer(customerId, LockModeType.PESSIMISTIC_WRITE)
                            .chain(config -> checkDefault(customerId, newDefault).replaceWith(config))
                            .invoke(config -> {
                                if (newName != null) {
                                    config.name = newName;
                                }
                                if (newDetail != null) {
                                    config.detail = newDetail;
                                }
                                if (newWhitelist != null) {
                                    config.destinationWhitelistJson = OutboundConfigMapper.whitelistJson(newWhitelist);
                                }
                                if (newCodecs != null) {
                                    config.codecs = newCodecs;
                                }
                                if (fields.contains(DEFAULT_NUMBER)) {
                                    config.defaultOutgoingSourceNumberId = newDefault;
                                }
                                config.tmUpdate = TimeFormat.now();
                            })));
        });
    }

    private Uni<Void> checkDefault(UUID customerId, UUID numberId) {
        if (numberId == null) {
            return Uni.createFrom().voidItem();
        }
        return numbers.findForCustomer(customerId, numberId).invoke(number -> {
            String why = unusable(number);
            if (why != null) {
                throw Errors.invalidArgument(DEFAULT_NUMBER, numberId + " " + why);
            }
        }).replaceWithVoid();
    }

    /** Why {@code number} cannot be an outgoing caller id, or null when it can. */
    static String unusable(Number number) {
        if (number == null || number.tmDelete != null) {
            return "is not a number of this customer";
        }
        if (!Number.TYPE_NORMAL.equals(number.type)) {
            return "(" + number.number + ") is a " + number.type + " number; only normal numbers can be an outgoing caller id";
        }
        if (!Number.STATUS_ACTIVE.equals(number.status)) {
            return "(" + number.number + ") is not active (status " + number.status + ")";
        }
        return null;
    }

    /** Trimmed, lower-cased, known ISO 3166 alpha-2 codes, each once; order kept. */
    static List<String> normaliseWhitelist(List<String> whitelist) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String entry : whitelist == null ? List.<String>of() : whitelist) {
            String code = entry == null ? "" : entry.trim().toLowerCase(Locale.ROOT);
            if (code.isEmpty()) {
                throw Errors.invalidArgument(DESTINATION_WHITELIST, "entries must not be empty");
            }
            if (!COUNTRIES.contains(code)) {
                throw Errors.invalidArgument(DESTINATION_WHITELIST, "'" + entry + "' is not an ISO 3166 alpha-2 country code");
            }
            if (!seen.add(code)) {
                throw Errors.invalidArgument(DESTINATION_WHITELIST, "'" + code + "' is listed more than once");
            }
            out.add(code);
        }
        return out;
    }

    static String checkCodecs(String codecs) {
        String value = codecs == null ? "" : codecs;
        if (value.length() > CODECS_MAX) {
            throw Errors.invalidArgument(CODECS, "must be at most " + CODECS_MAX + " characters");
        }
        if (!value.isEmpty() && !CODEC_LIST.matcher(value).matches()) {
            throw Errors.invalidArgument(CODECS, "must be a comma-separated codec list like PCMU,PCMA "
                    + "(letters, digits and inner '-', no spaces), got '" + value + "'");
        }
        return value;
    }
}
