package net.voipbin.api.rest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CorsFilterTest {

    @Test
    void originsAreExactAndAWildcardIsRefused() {
        assertEquals(Set.of("https://app.example.com", "http://localhost:3000"),
                CorsFilter.origins(List.of("https://App.Example.com", " http://localhost:3000", "")));
        for (String bad : List.of("*", "https://*.example.com", "null", "https://app.example.com/path", "app.example.com")) {
            assertThrows(IllegalArgumentException.class, () -> CorsFilter.origins(List.of(bad)), bad);
        }
        assertEquals(Set.of(), CorsFilter.origins(List.of()));
    }
}
