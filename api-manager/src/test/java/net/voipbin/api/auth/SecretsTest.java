package net.voipbin.api.auth;

import net.voipbin.api.config.ApiDefaults;
import net.voipbin.api.config.TestApiConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    @Test
    void newHashesAreCost12ByDefaultAndOlderCost10HashesStillVerify() {
        int cost = TestApiConfig.with(1, 1, Map.of()).password().bcryptCost();
        assertEquals(12, cost);
        String hash = Secrets.hashPassword("correct horse", cost);
        assertTrue(hash.startsWith("$2a$12$"), hash);
        assertEquals(12, Secrets.bcryptCost(hash));
        assertTrue(Secrets.passwordMatches("correct horse", hash));
        assertFalse(Secrets.passwordMatches("wrong horse", hash));
        String old = Secrets.hashPassword("correct horse", 10);
        assertEquals(10, Secrets.bcryptCost(old));
        assertTrue(Secrets.passwordMatches("correct horse", old));
        assertEquals(0, Secrets.bcryptCost("not a hash"));
    }

    @Test
    void productionRefusesCheaperHashesAndAnInsecureCookie() {
        var safe = new ApiDefaults(TestApiConfig.with(1, 1, Map.of(
                "voipbin.api.jwt.key", "a-production-secret-of-at-least-32-bytes!",
                "voipbin.api.bootstrap.enabled", "false")));
        assertEquals(java.util.List.of(), safe.problems());
        var cheap = new ApiDefaults(TestApiConfig.with(1, 1, Map.of(
                "voipbin.api.jwt.key", "a-production-secret-of-at-least-32-bytes!",
                "voipbin.api.bootstrap.enabled", "false",
                "voipbin.api.password.bcrypt-cost", "11",
                "voipbin.api.cookie.secure", "false")));
        assertEquals(2, cheap.problems().size(), cheap.problems().toString());
        assertTrue(cheap.problems().get(0).contains("bcrypt cost is 11"));
        assertTrue(cheap.problems().get(1).contains("not Secure"));
    }
}
