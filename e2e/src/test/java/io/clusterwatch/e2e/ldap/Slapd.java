package io.clusterwatch.e2e.ldap;

import static org.junit.jupiter.api.Assertions.fail;

import io.clusterwatch.e2e.process.ChildProcess;
import io.clusterwatch.e2e.slurm.BoundedCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's OpenLDAP server ({@code slapd}, package slapd) started by the test: its own slapd.conf,
 * an mdb database loaded with {@code slapadd} from {@link #TREE}, listening on 127.0.0.1 only, on
 * free ports (ldap:// always, ldaps:// too when started with a certificate). Anonymous clients see
 * nothing, so a search needs {@code bind_dn}; users read the tree, their own groups included.
 */
public final class Slapd implements AutoCloseable {
  public static final Path SLAPD = Path.of("/usr/sbin/slapd");
  public static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
  public static final String SUFFIX = "dc=example,dc=org";
  public static final String READER_DN = "cn=reader," + SUFFIX;
  public static final String READER_PASSWORD = "reader-secret";

  /**
   * alice teaches (groupOfNames instructors, by member DN), bob runs the cluster (posixGroup
   * hpc-ops, by memberUid), carol is in no group; dana+ops has a DN that needs escaping.
   */
  static final String TREE =
      """
      dn: dc=example,dc=org
      objectClass: dcObject
      objectClass: organization
      o: Example
      dc: example

      dn: ou=people,dc=example,dc=org
      objectClass: organizationalUnit
      ou: people

      dn: ou=groups,dc=example,dc=org
      objectClass: organizationalUnit
      ou: groups

      dn: cn=reader,dc=example,dc=org
      objectClass: person
      cn: reader
      sn: reader
      userPassword: reader-secret

      dn: uid=alice,ou=people,dc=example,dc=org
      objectClass: inetOrgPerson
      uid: alice
      cn: Alice
      sn: Instructor
      userPassword: alice-pw

      dn: uid=bob,ou=people,dc=example,dc=org
      objectClass: inetOrgPerson
      uid: bob
      cn: Bob
      sn: Operator
      userPassword: bob-pw

      dn: uid=carol,ou=people,dc=example,dc=org
      objectClass: inetOrgPerson
      uid: carol
      cn: Carol
      sn: Participant
      userPassword: carol-pw

      dn: uid=dana\\+ops,ou=people,dc=example,dc=org
      objectClass: inetOrgPerson
      uid: dana+ops
      cn: Dana
      sn: Special
      userPassword: dana-pw

      dn: cn=instructors,ou=groups,dc=example,dc=org
      objectClass: groupOfNames
      cn: instructors
      member: uid=alice,ou=people,dc=example,dc=org

      dn: cn=hpc-ops,ou=groups,dc=example,dc=org
      objectClass: posixGroup
      cn: hpc-ops
      gidNumber: 5000
      memberUid: bob
      """;

  /** Printed by slapd when it listens (servers/slapd/main.c, at every debug level). */
  private static final Pattern READY = Pattern.compile("slapd starting");

  private final ChildProcess process;
  private final int port;
  private final int tlsPort;

  private Slapd(ChildProcess process, int port, int tlsPort) {
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  /** Skips the calling test loudly without slapd; under {@code CI=true} fails it instead. */
  public static void requireInstalled() {
    if (Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD)) {
      return;
    }
    String message = SLAPD + " or " + SLAPADD + " (Debian package slapd) NOT FOUND: SKIPPED";
    System.err.println("\n*** " + message + " ***\n");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + "; CI=true requires it (./clusterwatch test installs it)");
    }
    Assumptions.abort(message);
  }

  /**
   * Starts slapd with its files under {@code dir}.
   *
   * @param certificate the server's PEM certificate and key, or null for no TLS; with one, slapd
   *     also listens on ldaps:// and refuses simple binds without TLS ({@code security
   *     simple_bind})
   */
  public static Slapd start(Path dir, TestCertificate certificate) throws Exception {
    requireInstalled();
    Path data = Files.createDirectories(dir.resolve("data"));
    Path conf = dir.resolve("slapd.conf");
    StringBuilder c = new StringBuilder();
    for (String schema : List.of("core", "cosine", "nis", "inetorgperson")) {
      c.append("include /etc/ldap/schema/").append(schema).append(".schema\n");
    }
    c.append("modulepath /usr/lib/ldap\nmoduleload back_mdb\n");
    c.append("pidfile ").append(dir.resolve("slapd.pid")).append('\n');
    c.append("argsfile ").append(dir.resolve("slapd.args")).append('\n');
    if (certificate != null) {
      c.append("TLSCertificateFile ").append(certificate.certFile()).append('\n');
      c.append("TLSCertificateKeyFile ").append(certificate.keyFile()).append('\n');
      // a simple bind needs a security strength factor of at least 1: TLS of some kind
      c.append("security simple_bind=1\n");
    }
    c.append("database mdb\nmaxsize 10485760\n");
    c.append("suffix \"").append(SUFFIX).append("\"\n");
    c.append("rootdn \"cn=admin,").append(SUFFIX).append("\"\n");
    c.append("directory ").append(data).append('\n');
    c.append("access to attrs=userPassword by anonymous auth by * none\n");
    c.append("access to * by users read by * none\n");
    Files.writeString(conf, c.toString());
    Path ldif = dir.resolve("tree.ldif");
    Files.writeString(ldif, TREE);
    BoundedCommand.Result load =
        BoundedCommand.run(
            List.of(SLAPADD.toString(), "-f", conf.toString(), "-l", ldif.toString()),
            Map.of(),
            dir,
            Duration.ofSeconds(60));
    if (!load.succeeded()) {
      throw new AssertionError("slapadd failed: " + load.describe());
    }
    int port = freePort();
    int tlsPort = certificate == null ? -1 : freePort();
    String urls =
        "ldap://127.0.0.1:"
            + port
            + "/"
            + (tlsPort < 0 ? "" : " ldaps://127.0.0.1:" + tlsPort + "/");
    // -d 256 (stats): stays in the foreground and logs each operation to stderr
    ChildProcess process =
        ChildProcess.start(
            "slapd", List.of(SLAPD.toString(), "-d", "256", "-f", conf.toString(), "-h", urls));
    try {
      process.awaitLine(READY, Duration.ofSeconds(30));
    } catch (Throwable t) {
      process.close();
      throw t;
    }
    return new Slapd(process, port, tlsPort);
  }

  public static Slapd start(Path dir) throws Exception {
    return start(dir, null);
  }

  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  public String ldapsUrl() {
    if (tlsPort < 0) {
      throw new IllegalStateException("this slapd was started without a certificate");
    }
    return "ldaps://127.0.0.1:" + tlsPort;
  }

  /** What slapd logged: each connection, bind and search. */
  public String output() {
    return process.output();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
