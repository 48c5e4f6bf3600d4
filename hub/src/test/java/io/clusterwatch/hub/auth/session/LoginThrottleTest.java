package io.clusterwatch.hub.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clusterwatch.hub.support.MutableClock;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = new MutableClock(5_000_000);

  @Test
  void theFifthFailureWithinTheWindowBlocksUntilTheWindowEnds() {
    LoginThrottle t = new LoginThrottle(clock, 5, Duration.ofMinutes(5), 100);
    for (int i = 0; i < 4; i++) {
      t.failed("10.0.0.1");
      clock.advance(1000);
    }
    assertEquals(Duration.ZERO, t.blockedFor("10.0.0.1"));
    t.failed("10.0.0.1");
    // the window started 4 s before the fifth failure
    assertEquals(Duration.ofSeconds(296), t.blockedFor("10.0.0.1"));
    assertEquals(Duration.ZERO, t.blockedFor("10.0.0.2"));
    clock.advance(Duration.ofSeconds(296).toMillis());
    assertEquals(Duration.ZERO, t.blockedFor("10.0.0.1"));
    t.failed("10.0.0.1");
    assertEquals(Duration.ZERO, t.blockedFor("10.0.0.1"), "a new window, one failure");
  }

  @Test
  void memoryIsBoundedByForgettingTheOldestWindow() {
    LoginThrottle t = new LoginThrottle(clock, 1, Duration.ofMinutes(5), 3);
    for (int i = 1; i <= 4; i++) {
      t.failed("10.0.0." + i);
      clock.advance(1);
    }
    assertEquals(3, t.size());
    assertEquals(Duration.ZERO, t.blockedFor("10.0.0.1"), "forgotten");
    assertEquals(false, t.blockedFor("10.0.0.4").isZero());
  }

  @Test
  void expiredWindowsAreDroppedFirst() {
    LoginThrottle t = new LoginThrottle(clock, 1, Duration.ofMinutes(5), 1000);
    for (int i = 0; i < 100; i++) {
      t.failed("10.0.1." + i);
    }
    clock.advance(Duration.ofMinutes(5).toMillis());
    t.failed("10.0.2.1");
    assertEquals(1, t.size());
  }

  @Test
  void ipv6AddressesCountByTheirSlash64() {
    assertEquals(
        ClientAddress.of(SocketAddress.inetSocketAddress(1, "2001:db8:1:2::1")),
        ClientAddress.of(SocketAddress.inetSocketAddress(2, "2001:db8:1:2:ffff::9")));
    assertEquals(
        "2001:db8:1:2::/64",
        ClientAddress.of(SocketAddress.inetSocketAddress(1, "2001:db8:1:2::1")));
    assertEquals("192.0.2.7", ClientAddress.of(SocketAddress.inetSocketAddress(1, "192.0.2.7")));
  }
}
