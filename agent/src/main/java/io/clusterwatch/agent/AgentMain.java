package io.clusterwatch.agent;

import io.clusterwatch.agent.collect.Collector;
import io.clusterwatch.agent.collect.CollectorContext;
import io.clusterwatch.agent.collect.CollectorFactory;
import io.clusterwatch.agent.collect.CollectorRegistry;
import io.clusterwatch.agent.collect.CollectorRunner;
import io.clusterwatch.agent.collect.DefaultCollectors;
import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.config.AgentConfig;
import io.clusterwatch.agent.config.AgentConfigLoader;
import io.clusterwatch.agent.config.CommandLine;
import io.clusterwatch.agent.config.ConfigException;
import io.clusterwatch.agent.expose.JsonSnapshot;
import io.clusterwatch.agent.expose.PrometheusText;
import io.clusterwatch.agent.expose.SnapshotMapper;
import io.clusterwatch.agent.host.HostFacts;
import io.clusterwatch.agent.host.HostFactsReader;
import io.clusterwatch.agent.host.HostPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The agent's entry point: flags over the YAML file over the defaults, then either one collection
 * printed ({@code --once}) or the running agent until the JVM is stopped. The only class that
 * calls {@link System#exit}.
 */
public final class AgentMain {
  /** {@link #run} started the long-running agent; the JVM keeps going. */
  static final int RUNNING = -1;
  static final int USAGE_ERROR = 2;
  /** One line per log record unless the launcher chose a format (java.util.logging). */
  private static final String LOG_FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";
  private static final System.Logger LOG = System.getLogger(AgentMain.class.getName());
  /** Collectors log under their package root, so their lines say where they come from. */
  private static final System.Logger COLLECTOR_LOG = System.getLogger("io.clusterwatch.agent.collect");

  private final List<CollectorFactory> factories;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  AgentMain(List<CollectorFactory> factories, Clock clock, PrintStream out, PrintStream err) {
    this.factories = factories;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }
    int code =
        new AgentMain(DefaultCollectors.factories(), Clock.systemUTC(), System.out, System.err)
            .run(args);
    if (code != RUNNING) {
      System.out.flush();
      System.exit(code);
    }
  }

  int run(String[] args) {
    CommandLine commandLine;
    AgentConfig config;
    try {
      commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        out.print(CommandLine.USAGE);
        return 0;
      }
      AgentConfig base =
          commandLine.configFile() == null
              ? AgentConfig.defaults()
              : new AgentConfigLoader().load(commandLine.configFile());
      config = commandLine.applyTo(base);
    } catch (ConfigException e) {
      err.println("clusterwatch-agent: " + e.getMessage());
      return USAGE_ERROR;
    }
    HostPaths paths = new HostPaths(config.procfs(), config.sysfs());
    HostFacts facts = new HostFactsReader(paths, LOG).read(config.hostname());
    List<Collector> collectors;
    try {
      collectors = new CollectorRegistry(factories).createEnabled(
          new CollectorContext(paths, clock, facts.hostname(), config, COLLECTOR_LOG));
    } catch (IllegalArgumentException e) {
      err.println("clusterwatch-agent: " + e.getMessage());
      return USAGE_ERROR;
    }
    if (commandLine.once()) {
      return once(commandLine.format(), config, facts, collectors);
    }
    try {
      Agent agent = Agent.start(config, facts, collectors, clock);
      Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "shutdown"));
      return RUNNING;
    } catch (IOException e) {
      err.println("clusterwatch-agent: " + e.getMessage());
      collectors.forEach(Collector::close);
      return 1;
    }
  }

  private int once(String format, AgentConfig config, HostFacts facts, List<Collector> collectors) {
    // One tick on this thread; the runner's scheduler is never started (it makes no thread).
    ScheduledExecutorService neverStarted = Executors.newSingleThreadScheduledExecutor();
    try (CollectorRunner runner = new CollectorRunner(
        collectors, clock, System::nanoTime, neverStarted, config.interval(), LOG)) {
      Tick tick = runner.tick();
      if (format.equals("json")) {
        new JsonSnapshot().write(out, facts.hostname(), tick);
      } else {
        new PrometheusText().write(out, new SnapshotMapper(facts.hostname()).map(tick));
      }
      out.flush();
      return 0;
    } catch (IOException e) {
      err.println("clusterwatch-agent: cannot write the output: " + e.getMessage());
      return 1;
    } finally {
      neverStarted.shutdownNow();
    }
  }
}
