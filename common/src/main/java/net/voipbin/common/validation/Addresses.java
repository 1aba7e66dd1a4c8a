package net.voipbin.common.validation;

import net.voipbin.common.error.Errors;
import net.voipbin.common.id.Ids;
import net.voipbin.proto.common.v1.Address;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a call party ({@code {type, target, target_name, name, detail}}) by its type, as the
 * public API documents: tel = E.164, agent/conference/extension = UUID, email = address,
 * sip = SIP URI (the {@code sip:} scheme may be left out), line/web_session = non-empty.
 */
public final class Addresses {

    public static final String TEL = "tel";
    public static final String SIP = "sip";
    public static final String AGENT = "agent";
    public static final String CONFERENCE = "conference";
    public static final String EXTENSION = "extension";
    public static final String EMAIL = "email";
    public static final String LINE = "line";
    public static final String WEB_SESSION = "web_session";

    public static final Set<String> TYPES = Set.of(TEL, SIP, AGENT, CONFERENCE, EXTENSION, EMAIL, LINE, WEB_SESSION);

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SIP_URI = Pattern.compile("(sips?:)?[^@\\s:;]+@[A-Za-z0-9.\\-\\[\\]:]+(;[^\\s]*)?");

    private Addresses() {
    }

    /** Returns {@code address} if valid, else fails with INVALID_ARGUMENT naming {@code field}.type/.target. */
    public static Address require(String field, Address address) {
        if (address == null || address.getType().isEmpty()) {
            throw Errors.invalidArgument(field + ".type", "is required, one of " + TYPES);
        }
        String type = address.getType();
        String target = address.getTarget();
        String targetField = field + ".target";
        switch (type) {
            case TEL -> PhoneNumbers.requireE164(targetField, target);
            case AGENT, CONFERENCE, EXTENSION -> Ids.parse(targetField, target);
            case EMAIL -> {
                if (!EMAIL_ADDRESS.matcher(target).matches()) {
                    throw Errors.invalidArgument(targetField, "must be an email address, got '" + target + "'");
                }
            }
            case SIP -> {
                if (!SIP_URI.matcher(target).matches()) {
                    throw Errors.invalidArgument(targetField, "must be a SIP URI like sip:alice@example.com, got '" + target + "'");
                }
            }
            case LINE, WEB_SESSION -> {
                if (target.isBlank()) {
                    throw Errors.invalidArgument(targetField, "is required");
                }
            }
            default -> throw Errors.invalidArgument(field + ".type", "must be one of " + TYPES + ", got '" + type + "'");
        }
        return address;
    }
}
