package net.voipbin.common.egress;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a customer may ask Asterisk to play ({@code play.stream_urls}, the Play RPC's media URLs, a whisper's
 * {@code play_recording}): the media URI's shape alone, with no lookup, so a flow can be checked when it is written.
 * Asterisk itself opens whatever it is given (a {@code recording:} of any tenant, {@code http://} to the internal
 * network), so everything else is refused:
 * <ul>
 * <li>{@code sound:}, {@code tone:}, {@code digits:}, {@code number:}, {@code characters:} with a plain name
 *     (no {@code ..}, no absolute path: Asterisk reads sounds from its own directory);</li>
 * <li>{@code recording:<name>}, a stored recording; whether it is the caller's own is the executor's check
 *     (call-manager owns recordings);</li>
 * <li>{@code https://} URLs whose shape passes {@link EgressPolicy} (no credentials) and whose host, when it is an
 *     address literal, is public; names are resolved and judged when the action runs.</li>
 * </ul>
 */
public final class PlayMedia {

    public static final String RECORDING = "recording:";

    private static final Pattern SOUND = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_\\-/.]{0,254}");
    private static final Pattern TONE = Pattern.compile("[A-Za-z0-9_!,;=/*#.+\\-]{1,255}");
    private static final Pattern DIGITS = Pattern.compile("[0-9A-Da-d*#]{1,100}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9]{1,100}");
    private static final Pattern RECORDING_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,255}");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.]+]?");

    private PlayMedia() {
    }

    /** The kind of a media URI that passed {@link #refusal}. */
    public enum Kind { ASTERISK, RECORDING, HTTPS }

    public static Kind kind(String uri) {
        String lower = uri.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith(RECORDING)) {
            return Kind.RECORDING;
        }
        return lower.startsWith("https:") ? Kind.HTTPS : Kind.ASTERISK;
    }

    /** The recording name of a {@code recording:} URI. */
    public static String recordingName(String uri) {
        return uri.trim().substring(RECORDING.length());
    }

    /** Why {@code uri} may not be played, judged by its shape; empty when it may (subject to the executor's checks). */
    public static Optional<String> refusal(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.of("the media URI is empty");
        }
        String text = uri.trim();
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        return switch (scheme) {
            case "sound" -> SOUND.matcher(rest).matches() && !rest.contains("..")
                    ? Optional.empty() : Optional.of("sound: takes a sound name (letters, digits, _ - / .; no ..): " + text);
            case "tone" -> TONE.matcher(rest).matches() ? Optional.empty() : Optional.of("not a tone: " + text);
            case "digits" -> DIGITS.matcher(rest).matches() ? Optional.empty() : Optional.of("digits: takes 0-9, A-D, *, #: " + text);
            case "number" -> NUMBER.matcher(rest).matches() ? Optional.empty() : Optional.of("number: takes an integer: " + text);
            case "characters" -> CHARACTERS.matcher(rest).matches() ? Optional.empty()
                    : Optional.of("characters: takes letters and digits: " + text);
            case "recording" -> RECORDING_NAME.matcher(rest).matches() ? Optional.empty()
                    : Optional.of("recording: takes a recording name: " + text);
            case "https" -> httpsRefusal(text);
            case "http" -> Optional.of("plain http media is not played, only https URLs: " + text);
            default -> Optional.of("only sound:, tone:, digits:, number:, characters:, recording: (your own) and https:// "
                    + "media may be played: " + text);
        };
    }

    private static Optional<String> httpsRefusal(String text) {
        URI uri;
        try {
            uri = EgressPolicy.parse(text);
        } catch (EgressRefusedException e) {
            return Optional.of(e.getMessage());
        }
        String host = uri.getHost();
        if (IP_LITERAL.matcher(host).matches() && (host.contains(":") || host.chars().filter(c -> c == '.').count() == 3)) {
            try {
                // An address literal needs no lookup, so it is judged now.
                InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
                Optional<String> refusal = NetworkRanges.refusal(address);
                if (refusal.isPresent()) {
                    return Optional.of("the host " + address.getHostAddress() + " is a " + refusal.get()
                            + " address: media may be fetched from public addresses only: " + text);
                }
            } catch (java.net.UnknownHostException e) {
                return Optional.of("not a valid address: " + host);
            }
        }
        return Optional.empty();
    }
}
