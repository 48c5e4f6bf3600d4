package io.clusterwatch.hub.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.support.Scenario;
import io.clusterwatch.hub.support.TestAgent;
import io.clusterwatch.hub.support.TestHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code clusterwatch report} against a real hub on port 0, fed as in {@link Scenario}. */
@ExtendWith(VertxExtension.class)
class ReportCommandTest {
  private TestHub hub;
  private List<TestAgent> agents;

  @BeforeEach
  void start(Vertx vertx) {
    hub = new TestHub(vertx, HubConfig.defaults(), Scenario.clock());
    agents = Scenario.feed(hub);
  }

  @AfterEach
  void stop() {
    agents.forEach(TestAgent::close);
  }

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = ReportCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  private String url() {
    return "http://127.0.0.1:" + hub.port();
  }

  @Test
  void aJobsReportAsTextAndAsJson() {
    Run text = run("idle-job", "--hub", url());
    assertEquals(0, text.status(), text.err());
    assertTrue(text.out().contains("Job ID:          idle-job"), text.out());
    assertTrue(text.out().contains("Requested 2 GPUs, 2 sat idle 100 % of the time"), text.out());
    Run json = run("idle-job", "--hub", url(), "--format", "json");
    assertEquals(0, json.status(), json.err());
    assertEquals(
        2, new JsonObject(json.out()).getJsonObject("report").getInteger("gpus_allocated"));
  }

  @Test
  void perUserTotalsOfAnAccount() {
    Run r = run("--account", "cs101", "--since", "7d", "--hub", url());
    assertEquals(0, r.status(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.out());
    assertTrue(lines[1].startsWith("alice  1 "), r.out());
  }

  @Test
  void unknownJobAndHubDownAreOneLineAndExit1() throws Exception {
    Run unknown = run("nope", "--hub", url());
    assertEquals(1, unknown.status());
    assertEquals("clusterwatch report: unknown job: nope (hub " + url() + ")\n", unknown.err());
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Run down = run("4711", "--hub", "http://127.0.0.1:" + closed);
    assertEquals(1, down.status());
    assertTrue(
        down.err()
            .startsWith(
                "clusterwatch report: hub http://127.0.0.1:" + closed + " is not reachable"),
        down.err());
    assertEquals(1, down.err().lines().count(), down.err());
  }

  @Test
  void badArgumentsExit2WithPicocliError() {
    Run flag = run("4711", "--frobnicate");
    assertEquals(2, flag.status());
    assertTrue(
        flag.err().startsWith("clusterwatch report: Unknown option: '--frobnicate'"), flag.err());
    Run neither = run("--hub", url());
    assertEquals(2, neither.status());
    assertTrue(neither.err().contains("give a JOBID"), neither.err());
    assertEquals(2, run("4711", "--format", "yaml").status());
  }
}
