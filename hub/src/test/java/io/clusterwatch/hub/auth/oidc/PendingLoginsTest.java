package io.clusterwatch.hub.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.clusterwatch.hub.support.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PendingLoginsTest {
  private final MutableClock clock = new MutableClock(1_000_000);
  private final SecureRandom random = new SecureRandom();
  private final PendingLogins pending = new PendingLogins(clock, Duration.ofMinutes(10), 3);

  private PendingLogin started(String returnTo) {
    PendingLogin login = PendingLogin.start(random, returnTo, clock.millis());
    pending.put(login);
    return login;
  }

  @Test
  void aLoginIsTakenOnce() {
    PendingLogin a = started("/a");
    assertEquals(a, pending.take(a.state()));
    assertNull(pending.take(a.state()), "a replayed callback finds nothing");
    assertNull(pending.take("made-up"));
  }

  @Test
  void aLoginExpiresAfterItsLifetime() {
    PendingLogin a = started("/a");
    clock.advance(Duration.ofMinutes(10).toMillis() - 1);
    PendingLogin b = started("/b");
    assertEquals(a, pending.take(a.state()), "one millisecond before the end");
    clock.advance(Duration.ofMinutes(10).toMillis());
    assertNull(pending.take(b.state()));
    assertEquals(0, pending.size());
  }

  @Test
  void pastTheCapacityTheOldestIsDropped() {
    PendingLogin a = started("/a");
    PendingLogin b = started("/b");
    PendingLogin c = started("/c");
    PendingLogin d = started("/d");
    assertEquals(3, pending.size());
    assertNull(pending.take(a.state()));
    assertEquals(b, pending.take(b.state()));
    assertEquals(c, pending.take(c.state()));
    assertEquals(d, pending.take(d.state()));
  }

  @Test
  void everyLoginHasItsOwnSecrets() {
    PendingLogin a = started("/");
    PendingLogin b = started("/");
    assertEquals(43, a.state().length(), "32 bytes, base64url without padding");
    assertEquals(43, a.codeVerifier().length(), "RFC 7636 wants 43 to 128 characters");
    assertNotEquals(a.state(), b.state());
    assertNotEquals(a.nonce(), b.nonce());
    assertNotEquals(a.codeVerifier(), b.codeVerifier());
    assertNotEquals(a.state(), a.nonce());
  }

  @Test
  void theCodeChallengeIsTheS256OfRfc7636AppendixB() {
    assertEquals(
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        PendingLogin.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
  }
}
