package net.voipbin.billing.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cut-off's clock: which started minute a call is in, and when the next one must be paid. */
class CallCutoffTest {

    private static final Instant ANSWERED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0} ms after answer: minute {1}")
    @CsvSource({"-500, 1", "0, 1", "59999, 1", "60000, 2", "119999, 2", "120000, 3", "3600000, 61"})
    void theStartedMinuteCountsFromTheAnswer(long millis, long minute) {
        assertEquals(minute, CallCutoff.minuteAt(ANSWERED, ANSWERED.plusMillis(millis), MINUTE));
    }

    @ParameterizedTest(name = "{0} reserved, margin {1} s: next paid at +{2} s")
    @CsvSource({"1, 2, 58", "2, 2, 118", "1, 0, 60", "3, 5, 175"})
    void theNextMinuteIsPaidAMarginBeforeItBegins(long reserved, long marginSeconds, long atSeconds) {
        assertEquals(ANSWERED.plusSeconds(atSeconds),
                CallCutoff.nextReservationAt(ANSWERED, reserved, MINUTE, Duration.ofSeconds(marginSeconds)));
    }

    /** The two agree: the instant the next reservation is due, plus the margin, is the minute it pays for. */
    @ParameterizedTest(name = "{0} reserved")
    @CsvSource({"1", "2", "10"})
    void theReservationTimeLandsInTheMinuteItPaysFor(long reserved) {
        Duration margin = Duration.ofSeconds(2);
        Instant due = CallCutoff.nextReservationAt(ANSWERED, reserved, MINUTE, margin);
        assertEquals(reserved + 1, CallCutoff.minuteAt(ANSWERED, due.plus(margin), MINUTE));
    }
}
