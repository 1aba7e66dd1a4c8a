package net.voipbin.common.validation;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import net.voipbin.common.error.Errors;

import java.util.regex.Pattern;

/** E.164 numbers ({@code +} and 2-15 digits, a real country code), validated with libphonenumber. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private PhoneNumbers() {
    }

    /**
     * True when {@code value} is written in E.164 with a length its country's numbers can have.
     * Deliberately not "valid" in libphonenumber's stricter sense: that rejects ranges its metadata
     * does not know yet, and the 555 numbers every example in the VoIPBIN documentation uses; the
     * carrier is the judge of whether a well-formed number exists.
     */
    public static boolean isE164(String value) {
        if (value == null || !E164.matcher(value).matches()) {
            return false;
        }
        try {
            return UTIL.isPossibleNumberWithReason(UTIL.parse(value, null)) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** Returns {@code value} if it is E.164, else fails with INVALID_ARGUMENT naming {@code field}. */
    public static String requireE164(String field, String value) {
        if (!isE164(value)) {
            throw Errors.invalidArgument(field, "must be an E.164 phone number like +14155551234, got '" + value + "'");
        }
        return value;
    }

    /**
     * Normalises national or punctuated input ({@code 010-1234-5678} with region {@code KR}) to
     * E.164; fails with INVALID_ARGUMENT naming {@code field} when it is not a valid number.
     */
    public static String normalize(String field, String value, String defaultRegion) {
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(value, defaultRegion);
            if (UTIL.isValidNumber(number)) {
                return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported below
        }
        throw Errors.invalidArgument(field, "is not a valid phone number: '" + value + "'");
    }

    /** ISO 3166 region of an E.164 number ("US", "KR"), for allowed-destination checks. */
    public static String region(String e164) {
        try {
            return UTIL.getRegionCodeForNumber(UTIL.parse(e164, null));
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The region of an E.164 number, or else the main region of its country calling code (+1 555
     * numbers are not valid anywhere but are "US" by their code); null for non-geographic codes.
     */
    public static String regionOrMain(String e164) {
        String region = region(e164);
        if (region != null && !"ZZ".equals(region)) {
            return region;
        }
        try {
            String main = UTIL.getRegionCodeForCountryCode(UTIL.parse(e164, null).getCountryCode());
            return "ZZ".equals(main) ? null : main;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
