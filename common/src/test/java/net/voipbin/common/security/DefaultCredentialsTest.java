package net.voipbin.common.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which broker and database credentials production refuses, each named with the setting that fixes it. */
class DefaultCredentialsTest {

    @Test
    void theShippedDefaultsAreEachRefused() {
        List<String> problems = DefaultCredentials.problems("guest", "guest", Optional.of("root"), Optional.empty());
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("VOIPBIN_AMQP_USERNAME"));
        assertTrue(problems.get(1).contains("VOIPBIN_AMQP_PASSWORD"));
        assertTrue(problems.get(2).contains("VOIPBIN_DB_USERNAME"));
        assertTrue(problems.get(3).contains("VOIPBIN_DB_PASSWORD"));
    }

    @Test
    void ownUsersWithPasswordsPass() {
        assertEquals(List.of(), DefaultCredentials.problems("call-manager", "s3cret-broker", Optional.of("voipbin_call"),
                Optional.of("s3cret-db")));
    }

    @Test
    void anEmptyPasswordIsRefusedAndAProcessWithoutDatabaseIsNotAskedForOne() {
        assertEquals(2, DefaultCredentials.problems("proxy", " ", Optional.of("voipbin_call"), Optional.of("")).size());
        assertEquals(List.of(), DefaultCredentials.problems("asterisk-proxy", "s3cret", Optional.empty(), Optional.empty()));
    }
}
