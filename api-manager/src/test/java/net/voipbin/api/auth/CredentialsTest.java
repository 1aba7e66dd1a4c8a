package net.voipbin.api.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a request's credentials are found, and which wins when several are present. */
class CredentialsTest {

    static ContainerRequestContext request(String authorization, Map<String, String> cookies, Map<String, String> query) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        query.forEach(params::add);
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[]{UriInfo.class},
                (p, m, a) -> m.getName().equals("getQueryParameters") ? params : null);
        Map<String, Cookie> jar = new HashMap<>();
        cookies.forEach((k, v) -> jar.put(k, new Cookie.Builder(k).value(v).build()));
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> "Authorization".equals(a[0]) ? authorization : null;
                    case "getCookies" -> jar;
                    case "getUriInfo" -> uri;
                    default -> null;
                });
    }

    @Test
    void everySourceOfAToken() {
        assertEquals(new Credentials("h.jwt.x", null), Credentials.of(request("Bearer h.jwt.x", Map.of(), Map.of())));
        assertEquals(new Credentials("h.jwt.x", null), Credentials.of(request("bearer  h.jwt.x ", Map.of(), Map.of())));
        assertEquals(new Credentials("c.jwt.x", null), Credentials.of(request(null, Map.of("token", "c.jwt.x"), Map.of())));
    }

    @Test
    void theQueryStringCarriesNoCredentials() {
        assertNull(Credentials.of(request(null, Map.of(), Map.of("token", "q.jwt.x"))));
        assertNull(Credentials.of(request(null, Map.of(), Map.of("accesskey", "vb_key"))));
        assertTrue(Credentials.inQuery(request("Bearer h.jwt.x", Map.of(), Map.of("token", "q.jwt.x"))));
        assertTrue(Credentials.inQuery(request(null, Map.of(), Map.of("accesskey", ""))));
        assertFalse(Credentials.inQuery(request(null, Map.of(), Map.of("page_token", "x"))));
    }

    @Test
    void everySourceOfAnAccessKey() {
        assertEquals(new Credentials(null, "vb_key"), Credentials.of(request("Bearer vb_key", Map.of(), Map.of())));
        assertEquals(new Credentials(null, "vb_key"), Credentials.of(request(null, Map.of("accesskey", "vb_key"), Map.of())));
    }

    @Test
    void theHeaderWinsThenTheTokenCookieThenTheKeyCookie() {
        assertEquals(new Credentials("h.jwt.x", null), Credentials.of(request("Bearer h.jwt.x",
                Map.of("token", "c.jwt.x"), Map.of())));
        assertEquals(new Credentials("c.jwt.x", null), Credentials.of(request(null,
                Map.of("token", "c.jwt.x", "accesskey", "vb_c"), Map.of())));
    }

    @Test
    void nothingUsableIsNoCredentials() {
        assertNull(Credentials.of(request(null, Map.of(), Map.of())));
        assertNull(Credentials.of(request("Basic dXNlcjpwYXNz", Map.of(), Map.of())), "Basic is not ours");
        assertNull(Credentials.of(request(null, Map.of("token", " "), Map.of("token", "", "accesskey", " "))));
    }
}
