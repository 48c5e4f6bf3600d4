package io.clusterwatch.hub;

import io.clusterwatch.common.cli.Commands;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.store.RollupTierConfig;
import io.clusterwatch.hub.store.StoreConfig;
import io.clusterwatch.hub.store.StoreSettings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * The hub's entry point: runs {@link HubCommand} with the project's command-line conventions
 * (generated {@code --help}, one line and exit status 2 for a bad flag or configuration key). The
 * only class that calls {@link System#exit}.
 */
public final class HubMain {
  private HubMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
    // On success the event-loop threads keep the process alive until it is stopped.
  }

  /** The store's shape from the configuration. */
  public static StoreConfig storeConfig(HubConfig config) {
    StoreSettings s = config.store();
    long firstRollupMs = StoreSettings.FIRST_ROLLUP_STEP.toMillis();
    return new StoreConfig(
            s.rawStep().toMillis(),
            s.retention().raw().toMillis(),
            List.of(
                new RollupTierConfig(firstRollupMs, s.retention().rollup10s().toMillis()),
                new RollupTierConfig(60_000, s.retention().rollup60s().toMillis())),
            config.ingest().maxSeriesPerAgent())
        .withSealing(
            StoreConfig.DEFAULT_BLOCK_MS,
            s.memoryBudget().bytes(),
            StoreConfig.DEFAULT_SEAL_GRACE_MS);
  }

  /** Parses {@code args} and starts the hub; 0 once it listens, else the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = Commands.commandLine(new HubCommand(Clock.systemUTC(), out, err));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }
}
