package io.clusterwatch.e2e.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.auth.Identity;
import io.clusterwatch.hub.auth.LdapSettings;
import io.clusterwatch.hub.auth.LoginRefusedException;
import io.clusterwatch.hub.auth.ldap.LdapDirectory;
import io.clusterwatch.hub.auth.ldap.LdapPasswordCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LdapPasswordCheck} against a real slapd with the tree of {@link Slapd#TREE}: the DN
 * template and the search, groups by member DN and by memberUid, and every way a login must fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapPasswordCheckTest {
  private static final String GROUPS = "(|(member={dn})(memberUid={user}))";
  private static final String PEOPLE = "ou=people," + Slapd.SUFFIX;

  private Vertx vertx;
  private Slapd slapd;
  private Path readerPassword;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    slapd = Slapd.start(dir.resolve("slapd"));
    readerPassword = dir.resolve("reader.password");
    Files.writeString(readerPassword, Slapd.READER_PASSWORD + "\n");
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  private LdapPasswordCheck templateMode() {
    return check(templateSettings());
  }

  private LdapSettings templateSettings() {
    return new LdapSettings(
        slapd.url(),
        null,
        null,
        "uid={user}," + PEOPLE,
        Slapd.SUFFIX,
        null,
        null,
        null,
        GROUPS,
        null,
        Duration.ofSeconds(5));
  }

  private LdapPasswordCheck searchMode(boolean withReader) {
    return check(
        new LdapSettings(
            slapd.url(),
            null,
            null,
            null,
            Slapd.SUFFIX,
            "(&(objectClass=inetOrgPerson)(uid={user}))",
            withReader ? Slapd.READER_DN : null,
            withReader ? readerPassword.toString() : null,
            GROUPS,
            "cn",
            Duration.ofSeconds(5)));
  }

  private LdapPasswordCheck check(LdapSettings settings) {
    return new LdapPasswordCheck(vertx, LdapDirectory.of(settings));
  }

  /**
   * One login: who logs in, with which password, and the identity's name and groups, or null for a
   * refusal.
   */
  private record Case(String user, String password, String name, Set<String> groups) {
    Case(String user, String password, Set<String> groups) {
      this(user, password, user, groups);
    }
  }

  private static final List<Case> CASES =
      List.of(
          new Case("alice", "alice-pw", Set.of("instructors")),
          new Case("bob", "bob-pw", Set.of("hpc-ops")),
          new Case("carol", "carol-pw", Set.of()),
          new Case("dana+ops", "dana-pw", Set.of()),
          new Case("alice", "bob-pw", null),
          new Case("alice", "ALICE-PW", null),
          new Case("nobody", "alice-pw", null),
          // an empty password is an anonymous bind, which the directory accepts
          new Case("alice", "", null),
          new Case("", "alice-pw", null),
          new Case("*", "alice-pw", null),
          new Case("*)(uid=*", "alice-pw", null),
          new Case("alice)(|(uid=*", "alice-pw", null),
          new Case("al*", "alice-pw", null),
          new Case("alice,ou=people", "alice-pw", null),
          // the directory ignores case and extra spaces; the identity has its spelling
          new Case("alice ", "alice-pw", "alice", Set.of("instructors")),
          new Case("ALICE", "alice-pw", "alice", Set.of("instructors")),
          new Case("Bob", "bob-pw", "bob", Set.of("hpc-ops")));

  @Test
  void templateModeLogsInTheRightPasswordsOnly() {
    runCases(templateMode(), CASES);
  }

  @Test
  void searchModeWithBindDnLogsInTheRightPasswordsOnly() {
    runCases(searchMode(true), CASES);
  }

  @Test
  void searchModeWithoutBindDnFailsWhereAnonymousMaySeeNothing() {
    Throwable failure = outcome(searchMode(false).check("alice", "alice-pw"));
    assertTrue(
        failure instanceof javax.naming.NameNotFoundException,
        "slapd hides the base from anonymous searches: " + failure);
  }

  @Test
  void anUnreachableDirectoryIsAFailureNotARefusal(@TempDir Path dir) throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    LdapPasswordCheck check =
        check(
            new LdapSettings(
                "ldap://127.0.0.1:" + closed,
                null,
                null,
                "uid={user}," + PEOPLE,
                null,
                null,
                null,
                null,
                null,
                null,
                Duration.ofSeconds(2)));
    Throwable failure = outcome(check.check("alice", "alice-pw"));
    assertTrue(
        failure instanceof javax.naming.NamingException,
        "expected a directory failure, got " + failure);
  }

  @Test
  void aLoginNeedsNoneOfTheWorkersThatAnswerQueries() throws Exception {
    Vertx oneWorker = Vertx.vertx(new VertxOptions().setWorkerPoolSize(1));
    CountDownLatch release = new CountDownLatch(1);
    try {
      CountDownLatch busy = new CountDownLatch(1);
      Future<Boolean> query =
          oneWorker.executeBlocking(
              () -> {
                busy.countDown();
                return release.await(60, TimeUnit.SECONDS);
              },
              false);
      assertTrue(busy.await(10, TimeUnit.SECONDS), "the worker is busy");
      LdapPasswordCheck check =
          new LdapPasswordCheck(oneWorker, LdapDirectory.of(templateSettings()));
      Identity who =
          check
              .check("alice", "alice-pw")
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      assertEquals("alice", who.user());
      assertFalse(query.isComplete(), "the login finished while the only worker was still busy");
    } finally {
      release.countDown();
      oneWorker.close().await();
    }
  }

  private void runCases(LdapPasswordCheck check, List<Case> cases) {
    for (Case c : cases) {
      Future<Identity> result = check.check(c.user(), c.password());
      String what = "'" + c.user() + "' / '" + c.password() + "'";
      if (c.groups() == null) {
        assertInstanceOf(LoginRefusedException.class, outcome(result), what);
      } else {
        Identity who = result.await();
        assertEquals(c.name(), who.user(), what);
        assertEquals(c.groups(), who.groups(), what);
      }
    }
  }

  private static Throwable outcome(Future<?> f) {
    try {
      f.await();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
