package io.clusterwatch.e2e.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.StaticJob;
import io.clusterwatch.hub.jobs.StaticJobs;
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
 * The idle board and the job page's mapping source in real headless Chromium, against a real hub
 * fed by the simulator's agents, with one idle job whose account, user and name are hostile markup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdleBoardBrowserTest extends SimulatedClusterBrowserTest {
  private static final int NODES = 3;

  private static final String JOB_ID = "idle-xss";
  private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
  private static final String XSS_USER = "<b onmouseover=alert(2)>mallory</b>";

  /** Markup and an ECharts rich-text template: both must stay text. */
  private static final String XSS_ACCOUNT = "<script>window.accountXss=1</script>{b|cs101}";

  private String hostileHost;

  @BeforeAll
  void startClusterAndBrowser(@TempDir Path tmp) throws Exception {
    startCluster(HubConfig.defaults(), NODES);
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
  @Order(4)
  void noPageBrokeTheContentSecurityPolicyOrThrew() {
    assertEquals(List.of(), consoleProblems());
  }

  // ---- helpers

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
}
