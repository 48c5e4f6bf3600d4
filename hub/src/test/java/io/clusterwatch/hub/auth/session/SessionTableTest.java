package io.clusterwatch.hub.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.support.MutableClock;
import io.vertx.core.MultiMap;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionTableTest {
  private final MutableClock clock = new MutableClock(1_000_000);
  private final Identity alice = new Identity("alice", Set.of("instructors"));

  private SessionTable table(int max) {
    return new SessionTable(clock, Duration.ofMinutes(10), max, new SecureRandom());
  }

  @Test
  void idsAre256RandomBitsAndDistinct() {
    SessionTable t = table(1000);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = t.start(alice);
      assertEquals(32, Base64.getUrlDecoder().decode(id).length);
      ids.add(id);
    }
    assertEquals(1000, ids.size());
  }

  @Test
  void aSessionLastsWhileItIsUsedAndEndsWhenIdle() {
    SessionTable t = table(10);
    String id = t.start(alice);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(9).toMillis());
      assertEquals(alice, t.find(id), "used every 9 minutes, 45 in all");
    }
    clock.advance(Duration.ofMinutes(10).toMillis());
    assertNull(t.find(id));
    assertEquals(0, t.size());
  }

  @Test
  void endedUnknownAndNullIdsFindNobody() {
    SessionTable t = table(10);
    String id = t.start(alice);
    t.end(id);
    assertNull(t.find(id));
    assertNull(t.find("no-such-id"));
    assertNull(t.find(null));
  }

  @Test
  void pastTheBoundTheLeastRecentlyUsedSessionEnds() {
    SessionTable t = table(2);
    String first = t.start(alice);
    String second = t.start(new Identity("bob", Set.of()));
    clock.advance(1);
    assertEquals(alice, t.find(first), "first is now the more recently used");
    String third = t.start(new Identity("carol", Set.of()));
    assertEquals(2, t.size());
    assertNull(t.find(second));
    assertEquals("alice", t.find(first).user());
    assertEquals("carol", t.find(third).user());
  }

  @Test
  void expiredSessionsAreDroppedWhenANewOneStarts() {
    SessionTable t = table(100);
    for (int i = 0; i < 50; i++) {
      t.start(alice);
    }
    clock.advance(Duration.ofMinutes(10).toMillis());
    t.start(alice);
    assertEquals(1, t.size());
  }

  @Test
  void theRequestIdentityReadsTheCookieHeader() {
    SessionTable t = table(10);
    String id = t.start(alice);
    SessionIdentity identity = new SessionIdentity(t);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.add("Cookie", "theme=dark; " + SessionCookie.NAME + "=" + id + "; other=1");
    assertEquals(alice, identity.identify(headers, null));
    assertNull(identity.identify(MultiMap.caseInsensitiveMultiMap(), null));
    MultiMap forged = MultiMap.caseInsensitiveMultiMap().add("Cookie", SessionCookie.NAME + "=x");
    assertNull(identity.identify(forged, null));
  }

  @Test
  void theCookieIsSecureHttpOnlyLaxForTheWholeSite() {
    String cookie = SessionCookie.issue("abc");
    assertTrue(cookie.startsWith(SessionCookie.NAME + "=abc"), cookie);
    for (String attribute : new String[] {"Path=/", "Secure", "HTTPOnly", "SameSite=Lax"}) {
      assertTrue(cookie.toLowerCase().contains(attribute.toLowerCase()), cookie);
    }
    assertTrue(SessionCookie.clear().contains("Max-Age=0"), SessionCookie.clear());
    assertNotEquals(SessionCookie.issue("a"), SessionCookie.issue("b"));
  }
}
