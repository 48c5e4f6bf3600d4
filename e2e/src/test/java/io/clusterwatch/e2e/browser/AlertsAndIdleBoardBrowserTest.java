package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
import io.clusterwatch.hub.jobs.StaticJob;
import io.clusterwatch.hub.jobs.StaticJobs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The idle board, the alerts panels and the job page's mapping source in real headless Chromium,
 * against a real hub fed by the simulator's agents, with one job whose account, user and name are
 * hostile markup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsAndIdleBoardBrowserTest extends SimulatedClusterBrowserTest {
  private static final int NODES = 3;

  /** The simulator's node with failing cooling and an XID (ClusterModel: the third node). */
  private static final String THERMAL_HOST = "gpu-node-03";

  private static final String JOB_ID = "idle-xss";
  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  private static final String XSS_USER = "<b onmouseover=alert(2)>mallory</b>";

  /** Markup and an ECharts rich-text template: both must stay text. */
  private static final String XSS_ACCOUNT = "<script>window.accountXss=1</script>{b|cs101}";

  private String hostileHost;

  @BeforeAll
  void startClusterAndBrowser(@TempDir Path tmp) throws Exception {
    startCluster(quickRules(), NODES);
    // The simulator's scheduler starts jobs on GPUs free in its own model while the class runs, and
    // the hub hands a GPU to its newest holder, so a static job on a free GPU can lose it minutes
    // later. A GPU of the simulator's idle interactive session (ClusterModel's showcase, 50
    // minutes)
    // is one the scheduler never gives out, and the simulator resends its jobs only after a
    // reconnect: the hostile job takes it over and keeps it, allocated and idle, for the whole
    // class.
    awaitHub("an idle GPU of a simulated job in /api/v1/cluster", a -> idleSimulatedGpu(a) != null);
    JsonObject taken = idleSimulatedGpu(api);
    hostileHost = taken.getString("host");
    StaticJobs.apply(
        List.of(
            new StaticJob(
                JOB_ID,
                XSS_USER,
                XSS_NAME,
                hostileHost,
                List.of(taken.getString("uuid")),
                null,
                Map.of("account", XSS_ACCOUNT, "note", XSS_NAME))),
        hub.services().jobs(),
        System.currentTimeMillis());
    awaitHub(
        "the hostile job's GPU idle",
        a ->
            a.gpus().stream()
                .anyMatch(
                    g ->
                        "idle".equals(g.getString("state"))
                            && g.getJsonObject("job") != null
                            && JOB_ID.equals(g.getJsonObject("job").getString("id"))));
    startBrowser(tmp);
  }

  /** Rules evaluated every second and health conditions held for seconds, not minutes. */
  private static HubConfig quickRules() {
    return new HubConfigReader()
        .read(
            String.join(
                "\n",
                "rules:",
                "  evaluation_interval: 1s",
                "  health: {temperature_critical_for: 2s, temperature_warning_for: 2s, throttle_for: 2s, disk_busy_for: 2s}"),
            "quick rules");
  }

  @Test
  @Order(1)
  void idleBoardGroupsByAccountWithHostileTextShownAsText() throws Exception {
    open("#/idle?by=account", "idle");
    WebElement group = waitFor("the hostile account's group", d -> groupNamed(XSS_ACCOUNT));
    String text = group.getText();
    assertTrue(text.contains(XSS_NAME) && text.contains(XSS_USER), text);
    assertTrue(text.contains("1 idle GPU \u00b7"), text);
    WebElement jobLink = group.findElement(By.cssSelector("tbody a[href^='#/job/']"));
    assertEquals(JOB_ID, jobLink.getText());
    assertEquals(
        "Account",
        driver.findElement(By.cssSelector("[data-testid=idle-group-by] a.selected")).getText());
    assertSortedByWaste();
    assertNoInjectedMarkup();
    Screenshots.save(driver, "idle-by-account");

    // The grouping is part of the URL; the hostile job has no partition, so it falls in "(none)".
    driver.findElement(By.cssSelector("[data-testid=idle-group-by] a[data-by=partition]")).click();
    waitFor(
        "the partition board",
        d ->
            d.getCurrentUrl().endsWith("#/idle?by=partition")
                && "idle".equals(js("return document.getElementById('view').dataset.ready")));
    WebElement none = waitFor("the (none) group", d -> groupNamed("(none)"));
    assertTrue(none.getText().contains(XSS_NAME), none.getText());
    assertNoInjectedMarkup();
  }

  @Test
  @Order(2)
  void jobPageShowsMappingSourceAndSchedulerAttributes() {
    open("#/job/" + JOB_ID, "job");
    String facts = driver.findElement(By.cssSelector(".job-facts")).getText();
    assertTrue(facts.contains("Mapping source\n" + StaticJobs.SOURCE), facts);
    assertTrue(facts.contains("Account\n" + XSS_ACCOUNT), facts);
    assertTrue(facts.contains("note=" + XSS_NAME), facts);
    String hints = driver.findElement(By.cssSelector("[data-testid=hints]")).getText();
    assertTrue(hints.startsWith("Hints and health events"), hints);
    assertNoInjectedMarkup();
  }

  @Test
  @Order(3)
  void clusterAlertsPanelShowsTheFiringAlertOfTheThermalNodeLive() throws Exception {
    open("#/", "cluster");
    js("window.cwSamePage = true");
    awaitHub("a firing alert on " + THERMAL_HOST, a -> firingAlertOn(a, THERMAL_HOST) != null);
    JsonObject alert = firingAlertOn(api, THERMAL_HOST);
    Map<String, Object> item =
        waitFor(
            "the alert in the panel from a live message",
            d ->
                "live"
                        .equals(
                            js(
                                "return document.querySelector('[data-testid=alerts]').dataset.source"))
                    ? alertItem(alert)
                    : null);
    String cls = (String) item.get("cls");
    String text = (String) item.get("text");
    assertTrue(cls.contains("sev-" + alert.getString("severity")), cls);
    assertTrue(text.contains(THERMAL_HOST) && text.contains("since "), text);
    assertEquals(Boolean.TRUE, js("return window.cwSamePage === true"), "updated without a reload");
    waitFor(
        "the firing count",
        d -> {
          String v =
              d.findElement(By.cssSelector("[data-count=alerts_firing] .count-value")).getText();
          return v.matches("\\d+") && Integer.parseInt(v) > 0;
        });
    Screenshots.save(driver, "cluster-alerts");

    open("#/node/" + THERMAL_HOST, "node");
    waitFor("the alert on the node page", d -> alertItem(alert));
    @SuppressWarnings("unchecked")
    List<String> hosts =
        (List<String>)
            js(
                "return [...document.querySelectorAll('[data-testid=alerts] li.alert .alert-where')]"
                    + ".map(w => w.firstChild ? w.firstChild.textContent : '')");
    assertFalse(hosts.isEmpty());
    assertEquals(
        List.of(THERMAL_HOST), hosts.stream().distinct().toList(), "only the node's alerts");
    Screenshots.save(driver, "node-alerts");
  }

  @Test
  @Order(4)
  void healthEventsAreMarkedOnTheJobsCharts() throws Exception {
    awaitHub("a job on " + THERMAL_HOST + " with a health event", a -> jobWithEvents(a) != null);
    String jobId = jobWithEvents(api);
    open("#/job/" + jobId, "job");
    waitFor(
        "event marks on the utilisation chart",
        d -> {
          String n =
              (String)
                  js("return document.querySelector('[data-panel=gpu_util]').dataset.marks || '0'");
          return Integer.parseInt(n) > 0;
        });
    WebElement hints = driver.findElement(By.cssSelector("[data-testid=hints]"));
    assertEquals("ready", hints.getAttribute("data-state"));
    assertFalse(hints.findElements(By.cssSelector("li.event")).isEmpty(), hints.getText());
    Screenshots.save(driver, "job-events");
  }

  @Test
  @Order(5)
  void alertsPanelSaysUnavailableWhenTheHubAnswersAnError() {
    // A hub without alerts: /api/v1/alerts answers an error and /live carries no alerts messages (a
    // live alerts message is real data, and the panel rightly shows it). Both are set up before the
    // page's own scripts run, so no message of this hub's live feed can arrive around the failure.
    Object script =
        driver
            .executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument", Map.of("source", HUB_WITHOUT_ALERTS))
            .get("identifier");
    try {
      driver.get("about:blank");
      open("#/node/" + THERMAL_HOST, "node");
      WebElement panel = driver.findElement(By.cssSelector("[data-testid=alerts]"));
      assertEquals("unavailable", panel.getAttribute("data-state"));
      assertTrue(panel.getText().contains("Alerts unavailable"), panel.getText());
      assertFalse(
          driver.findElements(By.cssSelector(".health-card")).isEmpty(),
          "the health cards are drawn");
      assertEquals(
          Boolean.TRUE,
          js("return window.cwAlertsDropped >= 0"),
          "the hub's stand-in ran before the page");
    } finally {
      driver.executeCdpCommand(
          "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
    }
  }

  @Test
  @Order(6)
  void jobPageShowsTheBottleneckHintWithItsEvidence() {
    awaitHub("a bottleneck hint", a -> firstHint(a) != null);
    JsonObject hint = firstHint(api);
    String jobId = hint.getJsonObject("labels").getString("job_id");
    JsonObject fromJob =
        api.job(jobId).getJsonArray("hints").stream()
            .map(o -> (JsonObject) o)
            .filter(h -> hint.getString("rule").equals(h.getString("rule")))
            .findFirst()
            .orElseThrow();
    open("#/job/" + jobId, "job");
    String text =
        (String)
            js(
                "const li = [...document.querySelectorAll('[data-testid=hints] li.hint')]"
                    + ".find(l => l.dataset.rule === arguments[0]); return li ? li.innerText : null",
                hint.getString("rule"));
    // The evidence quotes live figures (CPU percentages) that move between the hub's answer and the
    // page's own request, so its wording is compared with the numbers left out.
    assertTrue(
        text != null
            && text.contains(fromJob.getString("summary"))
            && withoutNumbers(text)
                .contains("Evidence: " + withoutNumbers(fromJob.getString("evidence"))),
        String.valueOf(text));
    waitFor(
        "the hint marked on the charts",
        d ->
            Integer.parseInt(
                    (String)
                        js(
                            "return document.querySelector('[data-panel=gpu_util]').dataset.marks || '0'"))
                > 0);
  }

  @Test
  @Order(7)
  void idleBoardIsBuiltFromTheClusterWhenTheHubHasNoIdleEndpoint() {
    open("#/", "cluster");
    js(
        "const f = window.fetch; window.fetch = (p, o) => String(p).startsWith('/api/v1/idle')"
            + " ? Promise.resolve(new Response(JSON.stringify({error: 'no such API route'}), {status: 404})) : f(p, o);"
            + "window.location.hash = '#/idle?by=user';");
    waitFor(
        "idle page drawn",
        d -> "idle".equals(js("return document.getElementById('view').dataset.ready")));
    assertTrue(driver.findElement(By.cssSelector("[data-testid=idle-source]")).isDisplayed());
    WebElement group = waitFor("the hostile user's group", d -> groupNamed(XSS_USER));
    assertTrue(group.getText().contains("1 idle GPU \u00b7"), group.getText());
    assertNoInjectedMarkup();
  }

  @Test
  @Order(8)
  void noPageBrokeTheContentSecurityPolicyOrThrew() {
    assertEquals(List.of(), consoleProblems());
  }

  // ---- helpers

  /**
   * Stands in for a hub that serves no alerts: 404 on /api/v1/alerts, no alerts messages on /live.
   */
  private static final String HUB_WITHOUT_ALERTS =
      String.join(
          "\n",
          "window.cwAlertsDropped = 0;",
          "const realFetch = window.fetch;",
          "window.fetch = (p, o) => String(p).startsWith('/api/v1/alerts')",
          "  ? Promise.resolve(new Response(JSON.stringify({error: 'no such API route'}), {status: 404})) : realFetch(p, o);",
          "window.WebSocket = class extends WebSocket {",
          "  set onmessage(f) {",
          "    super.onmessage = f && ((e) => {",
          "      if (String(e.data).startsWith('{\"type\":\"alerts\"')) window.cwAlertsDropped++; else f(e);",
          "    });",
          "  }",
          "  get onmessage() { return super.onmessage; }",
          "};");

  /** A GPU a simulated job holds idle with its memory (the interactive session), or null. */
  private static JsonObject idleSimulatedGpu(HubApi a) {
    return a.gpus().stream()
        .filter(
            g ->
                "idle".equals(g.getString("state"))
                    && g.getBoolean("memory_held_idle", false)
                    && g.getJsonObject("job") != null
                    && !JOB_ID.equals(g.getJsonObject("job").getString("id")))
        .findFirst()
        .orElse(null);
  }

  private static JsonObject firingAlertOn(HubApi a, String host) {
    for (Object o :
        a.get("/api/v1/alerts?state=firing&host=" + host).getJsonArray("alerts", new JsonArray())) {
      JsonObject alert = (JsonObject) o;
      if ("health".equals(alert.getString("group"))) {
        return alert;
      }
    }
    return null;
  }

  private static JsonObject firstHint(HubApi a) {
    for (Object o :
        a.get("/api/v1/alerts?state=firing&group=hint").getJsonArray("alerts", new JsonArray())) {
      JsonObject alert = (JsonObject) o;
      if (alert.getJsonObject("labels").getString("job_id") != null) {
        return alert;
      }
    }
    return null;
  }

  private static String jobWithEvents(HubApi a) {
    for (Object o : a.get("/api/v1/jobs?state=running").getJsonArray("jobs", new JsonArray())) {
      JsonObject job = (JsonObject) o;
      if (job.getJsonArray("nodes", new JsonArray()).contains(THERMAL_HOST)
          && !a.job(job.getString("id")).getJsonArray("events", new JsonArray()).isEmpty()) {
        return job.getString("id");
      }
    }
    return null;
  }

  /**
   * The panel's list item of the alert, read in one script (the list is redrawn by live messages).
   * The summary quotes the latest reading (a temperature), which moves between the hub's answer
   * here and the page's own, so it is compared with the numbers left out; the GPU's UUID in it
   * still tells the alert apart.
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> alertItem(JsonObject alert) {
    return (Map<String, Object>)
        js(
            "const li = [...document.querySelectorAll('[data-testid=alerts] li.alert.state-firing')]"
                + ".find(l => l.dataset.rule === arguments[0] && l.textContent.replace(/[0-9]+/g, '#').includes(arguments[1]));"
                + "return li ? {cls: li.className, text: li.innerText} : null",
            alert.getString("rule"),
            withoutNumbers(alert.getString("summary")));
  }

  private WebElement groupNamed(String label) {
    return driver.findElements(By.cssSelector(".idle-group")).stream()
        .filter(g -> label.equals(g.findElement(By.cssSelector(".idle-group-key")).getText()))
        .filter(g -> g.getText().contains(XSS_NAME))
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private void assertSortedByWaste() {
    List<Object> wasted =
        (List<Object>)
            js(
                "return [...document.querySelectorAll('.idle-group')].map(g => Number(g.dataset.wasted))");
    for (int i = 1; i < wasted.size(); i++) {
      double before = ((Number) wasted.get(i - 1)).doubleValue();
      double after = ((Number) wasted.get(i)).doubleValue();
      assertTrue(before >= after, "groups sorted by wasted GPU-minutes: " + wasted);
    }
  }

  /** No element came from user text, no script from it ran, and no alert ever opened. */
  private void assertNoInjectedMarkup() {
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert opened");
    assertEquals(
        0L,
        ((Number)
                js(
                    "return document.querySelectorAll('#view img, #view script, #view b[onmouseover]').length"))
            .longValue());
    assertEquals(Boolean.TRUE, js("return window.accountXss === undefined"));
  }

  private static String withoutNumbers(String text) {
    return text.replaceAll("[0-9]+", "#");
  }
}
