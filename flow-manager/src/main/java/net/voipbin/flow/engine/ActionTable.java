package net.voipbin.flow.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.voipbin.proto.flow.v1.ActionJson;

/**
 * The one table of action types: who executes each (flow-manager itself, or call-manager to which
 * the action is handed back by NextAction) and the option schema validation checks. Option keys not
 * listed are kept and ignored.
 */
public final class ActionTable {

    public enum Executor { FM, CM }

    /** Kinds of option values. */
    public enum Kind {
        STRING, INT, BOOL, NUMBER,
        /** A UUID, or a text with a variable template resolved at run time. */
        UUID,
        /** An action id of the same flow (validated; labels rewritten to generated ids). */
        TARGET,
        /** Object of string -> action id (branch.target_ids). */
        TARGET_MAP,
        ADDRESS, ADDRESS_LIST, STRING_LIST, INT_LIST,
        /** Nested action list (call.actions), validated as a flow of its own. */
        ACTIONS,
        /** connect.whisper {enabled, message, play_recording, accept_key, reject_key}. */
        WHISPER,
        ANY
    }

    public record Field(String name, Kind kind, boolean required) {
    }

    public record Def(String type, Executor executor, List<Field> fields) {
        public Field field(String name) {
            return fields.stream().filter(f -> f.name.equals(name)).findFirst().orElse(null);
        }
    }

    private static final Map<String, Def> TYPES = new LinkedHashMap<>();

    /** Accepted spellings normalised to the canonical type on validation. */
    public static final Map<String, String> ALIASES = Map.of(
            "dtmf_send", "digits_send",
            "record_start", "recording_start",
            "record_stop", "recording_stop");

    /**
     * Types of the reference that this port does not implement: INVALID_ARGUMENT "unsupported action".
     * amd and external_media_* are here because call-manager has no handler for them (they used to be
     * accepted and silently skipped).
     */
    public static final Set<String> UNSUPPORTED = Set.of(
            "ai_summary", "ai_talk", "ai_task", "transcribe_start", "transcribe_stop", "transcribe_recording",
            "message_send", "email_send", "conversation_send", "case_create", "conference_join", "queue_join",
            "block", "condition_call_status", "amd", "external_media_start", "external_media_stop");

    private static Field f(String name, Kind kind) {
        return new Field(name, kind, false);
    }

    private static Field req(String name, Kind kind) {
        return new Field(name, kind, true);
    }

    private static void cm(String type, Field... fields) {
        TYPES.put(type, new Def(type, Executor.CM, List.of(fields)));
    }

    private static void fm(String type, Field... fields) {
        TYPES.put(type, new Def(type, Executor.FM, List.of(fields)));
    }

    static {
        // Executed by call-manager (returned by NextAction).
        cm("answer");
        cm("talk", f("text", Kind.STRING), f("language", Kind.STRING), f("provider", Kind.STRING),
                f("voice_id", Kind.STRING), f("gender", Kind.STRING), f("digits_handle", Kind.STRING), f("async", Kind.BOOL));
        cm("play", f("stream_urls", Kind.STRING_LIST));
        cm("beep");
        cm("digits_receive", f("duration", Kind.INT), f("key", Kind.STRING), f("length", Kind.INT));
        cm("digits_send", f("digits", Kind.STRING), f("duration", Kind.INT), f("interval", Kind.INT));
        cm("echo", f("duration", Kind.INT));
        cm("stream_echo", f("duration", Kind.INT));
        cm("sleep", f("duration", Kind.INT));
        cm("hangup", f("reason", Kind.STRING), f("reference_id", Kind.UUID));
        cm("recording_start", f("format", Kind.STRING), f("end_of_silence", Kind.INT), f("end_of_key", Kind.STRING),
                f("duration", Kind.INT), f("beep_start", Kind.BOOL), f("on_end_flow_id", Kind.UUID),
                f("direction", Kind.STRING), f("channels", Kind.STRING), f("sample_rate", Kind.INT));
        cm("recording_stop");
        cm("record_voice", f("duration", Kind.INT), f("silence_timeout", Kind.INT), f("variable_name", Kind.STRING),
                f("format", Kind.STRING), f("beep_start", Kind.BOOL), f("end_of_key", Kind.STRING));
        cm("moh_start", f("music_class", Kind.STRING));
        cm("moh_stop");
        cm("hold");
        cm("unhold");
        cm("mute", f("direction", Kind.STRING));
        cm("unmute", f("direction", Kind.STRING));
        cm("confbridge_join", req("confbridge_id", Kind.UUID));

        // Executed by flow-manager inside NextAction (the engine keeps looping).
        fm("empty");
        fm("stop");
        fm("variable_set", req("key", Kind.STRING), f("value", Kind.STRING));
        fm("branch", f("variable", Kind.STRING), f("default_target_id", Kind.TARGET), f("target_ids", Kind.TARGET_MAP));
        fm("goto", req("target_id", Kind.TARGET), f("loop_count", Kind.INT));
        fm("condition_variable", f("condition", Kind.STRING), req("variable", Kind.STRING), f("value_type", Kind.STRING),
                f("value_string", Kind.STRING), f("value_number", Kind.NUMBER), f("value_length", Kind.INT),
                f("false_target_id", Kind.TARGET));
        fm("condition_datetime", f("condition", Kind.STRING), f("minute", Kind.INT), f("hour", Kind.INT),
                f("day", Kind.INT), f("month", Kind.INT), f("weekdays", Kind.INT_LIST), f("false_target_id", Kind.TARGET));
        fm("condition_call_digits", f("length", Kind.INT), f("key", Kind.STRING), f("false_target_id", Kind.TARGET));
        fm("fetch", req("event_url", Kind.STRING), f("event_method", Kind.STRING));
        fm("fetch_flow", req("flow_id", Kind.UUID));
        fm("webhook_send", f("sync", Kind.BOOL), req("uri", Kind.STRING), f("method", Kind.STRING),
                f("data_type", Kind.STRING), f("data", Kind.ANY));
        fm("connect", f("source", Kind.ADDRESS), req("destinations", Kind.ADDRESS_LIST), f("early_media", Kind.BOOL),
                f("relay_reason", Kind.BOOL), f("anonymous", Kind.STRING), f("ring_timeout", Kind.INT),
                f("whisper", Kind.WHISPER));
        fm("call", f("source", Kind.ADDRESS), req("destinations", Kind.ADDRESS_LIST), f("flow_id", Kind.UUID),
                f("actions", Kind.ACTIONS), f("chained", Kind.BOOL), f("early_execution", Kind.BOOL),
                f("anonymous", Kind.STRING));
    }

    static {
        // The call-executed types are exactly the members of the typed contract (proto Action.option):
        // a type routed to call-manager without a typed option, or a typed option nobody routes, stops
        // flow-manager at start-up instead of being skipped at run time.
        Set<String> routed = new java.util.TreeSet<>();
        TYPES.values().stream().filter(d -> d.executor() == Executor.CM).forEach(d -> routed.add(d.type()));
        Set<String> typed = new java.util.TreeSet<>(ActionJson.callExecutedTypes());
        if (!routed.equals(typed)) {
            throw new IllegalStateException("action table and proto Action.option disagree: routed to call-manager "
                    + routed + ", typed in proto " + typed);
        }
    }

    private ActionTable() {
    }

    public static Def get(String type) {
        return TYPES.get(type);
    }

    public static Map<String, Def> all() {
        return TYPES;
    }
}
