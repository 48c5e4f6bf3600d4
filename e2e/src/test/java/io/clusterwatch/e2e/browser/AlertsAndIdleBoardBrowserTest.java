package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.config.HubSettings;
import io.clusterwatch.agent.simulate.ClusterSimulator;
import io.clusterwatch.agent.simulate.SimulatorOptions;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.StaticJobs;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The idle board, the alerts panels and the job page's mapping source in real headless Chromium,
 * against a real hub fed by the simulator's agents, with one job whose account, user and name are
 * hostile markup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsAndIdleBoardBrowserTest {
  private static final int NODES = 3;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String JOB_ID = "idle-xss";
  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  private static final String XSS_USER = "<b onmouseover=alert(2)>mallory</b>";
  /** Markup and an ECharts rich-text template: both must stay text. */
  private static final String XSS_ACCOUNT = "<script>window.accountXss=1</script>{b|cs101}";

  private HubUnderTest hub;
  private HubApi api;
  private ScheduledExecutorService executor;
  private ClusterSimulator simulator;
  private ChromeDriver driver;
  private String hostileHost;

  @BeforeAll
  void startClusterAndBrowser(@TempDir Path tmp) throws Exception {
    Browsers.requireInstalled();
    hub = HubUnderTest.start(HubConfig.defaults());
    api = new HubApi(hub.baseUrl());
    executor = Executors.newScheduledThreadPool(2);
    HubSettings d = HubSettings.defaults();
    HubSettings settings = new HubSettings(hub.ingestUrl(), "", "", d.bufferFrames(), d.bufferBytes(),
        Duration.ofMillis(200), Duration.ofSeconds(1), d.connectTimeout());
    simulator = new ClusterSimulator(
        new SimulatorOptions(NODES, SimulatorOptions.DEFAULT_SEED, URI.create(hub.ingestUrl()), "",
            Duration.ofSeconds(1), settings, "e2e"),
        HttpClient.newHttpClient(), executor, Clock.systemUTC());
    simulator.start();
    awaitHub("a free GPU in /api/v1/cluster", a -> a.gpus().stream().anyMatch(g -> "free".equals(g.getString("state"))));
    // A job on a GPU the simulator leaves unused: it is allocated and idle from the start.
    JsonObject free = api.gpus().stream().filter(g -> "free".equals(g.getString("state"))).findFirst().orElseThrow();
    hostileHost = free.getString("host");
    StaticJobs.apply(List.of(new HubConfig.StaticJob(JOB_ID, XSS_USER, XSS_NAME, hostileHost,
        List.of(free.getString("uuid")), 0, Map.of("account", XSS_ACCOUNT, "note", XSS_NAME))),
        hub.services().jobs(), System.currentTimeMillis());
    awaitHub("the hostile job's GPU idle", a -> a.gpus().stream().anyMatch(g -> "idle".equals(g.getString("state"))
        && g.getJsonObject("job") != null && JOB_ID.equals(g.getJsonObject("job").getString("id"))));
    driver = Browsers.start(tmp, 1600, 1100);
  }

  @AfterAll
  void stopAll() {
    if (driver != null) {
      driver.quit();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    if (hub != null) {
      hub.close();
    }
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
    assertEquals("Account", driver.findElement(By.cssSelector("[data-testid=idle-group-by] a.selected")).getText());
    assertSortedByWaste();
    assertNoInjectedMarkup();
    Screenshots.save(driver, "idle-by-account");

    // The grouping is part of the URL; the hostile job has no partition, so it falls in "(none)".
    driver.findElement(By.cssSelector("[data-testid=idle-group-by] a[data-by=partition]")).click();
    waitFor("the partition board", d -> d.getCurrentUrl().endsWith("#/idle?by=partition")
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
  void alertsPanelsSayAlertsAreUnavailableAndThePagesStillWork() throws Exception {
    open("#/", "cluster");
    WebElement panel = driver.findElement(By.cssSelector("[data-testid=alerts]"));
    assertEquals("unavailable", panel.getAttribute("data-state"));
    assertTrue(panel.getText().contains("Alerts unavailable"), panel.getText());
    waitFor("one cell per GPU", d -> String.valueOf(NODES * 8).equals(js(
        "return document.querySelector('[data-testid=gpu-grid]').dataset.cells")));
    Screenshots.save(driver, "cluster-alerts");

    open("#/node/" + hostileHost, "node");
    WebElement nodePanel = driver.findElement(By.cssSelector("[data-testid=alerts]"));
    assertEquals("unavailable", nodePanel.getAttribute("data-state"));
    assertTrue(driver.findElements(By.cssSelector(".health-card")).size() > 0, "the health cards are drawn");
    Screenshots.save(driver, "node-alerts");
  }

  @Test
  @Order(4)
  void noPageBrokeTheContentSecurityPolicyOrThrew() {
    List<String> bad = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("Uncaught"))
        .toList();
    assertEquals(List.of(), bad);
  }

  // ---- helpers

  private WebElement groupNamed(String label) {
    return driver.findElements(By.cssSelector(".idle-group")).stream()
        .filter(g -> label.equals(g.findElement(By.cssSelector(".idle-group-key")).getText()))
        .filter(g -> g.getText().contains(XSS_NAME))
        .findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  private void assertSortedByWaste() {
    List<Object> wasted = (List<Object>) js("return [...document.querySelectorAll('.idle-group')].map(g => Number(g.dataset.wasted))");
    for (int i = 1; i < wasted.size(); i++) {
      double before = ((Number) wasted.get(i - 1)).doubleValue();
      double after = ((Number) wasted.get(i)).doubleValue();
      assertTrue(before >= after, "groups sorted by wasted GPU-minutes: " + wasted);
    }
  }

  private void open(String hash, String view) {
    driver.get(hub.baseUrl() + "/" + hash);
    waitFor(view + " page drawn", d -> view.equals(js("return document.getElementById('view').dataset.ready")));
  }

  private Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  private <T> T waitFor(String what, Function<ChromeDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage("waiting for " + what)
        .until(d -> condition.apply(driver));
  }

  private void awaitHub(String what, Function<HubApi, Boolean> condition) {
    new FluentWait<>(api).withTimeout(WAIT).pollingEvery(Duration.ofMillis(250))
        .ignoring(IllegalStateException.class).withMessage("waiting for " + what).until(condition::apply);
  }

  /** No element came from user text, no script from it ran, and no alert ever opened. */
  private void assertNoInjectedMarkup() {
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert opened");
    assertEquals(0L, ((Number) js("return document.querySelectorAll('#view img, #view script, #view b[onmouseover]').length")).longValue());
    assertEquals(Boolean.TRUE, js("return window.accountXss === undefined"));
  }
}
