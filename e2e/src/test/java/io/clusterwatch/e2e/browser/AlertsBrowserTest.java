package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.config.HubConfigReader;
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
import org.openqa.selenium.WebElement;

/**
 * The alerts panels, health events and hints in real headless Chromium, against a real hub that
 * evaluates its rules with short hold times, fed by the simulator's agents (one of them a hot
 * node).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsBrowserTest extends SimulatedClusterBrowserTest {
  private static final int NODES = 3;

  /** The simulator's node with failing cooling and an XID (ClusterModel: the third node). */
  private static final String THERMAL_HOST = "gpu-node-03";

  @BeforeAll
  void startClusterAndBrowser(@TempDir Path tmp) throws Exception {
    startCluster(quickRules(), NODES);
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
  @Order(2)
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
  @Order(3)
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
  @Order(4)
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
  @Order(5)
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

  private static String withoutNumbers(String text) {
    return text.replaceAll("[0-9]+", "#");
  }
}
