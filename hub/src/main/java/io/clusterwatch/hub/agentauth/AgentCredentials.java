package io.clusterwatch.hub.agentauth;

import io.clusterwatch.hub.ingest.IngestSettings;
import io.clusterwatch.hub.reload.FileReloader;
import io.clusterwatch.hub.reload.ReloadMeters;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;

/**
 * Which token may claim which host: the shared {@code ingest.token} any host, a line of {@code
 * ingest.tokens_file} the hosts its glob matches. With neither configured every agent is let in.
 * The tokens file is read again when it changes; a broken new file leaves the old table in force.
 */
public final class AgentCredentials {
  private final byte[] sharedDigest;
  private final IngestSettings settings;
  private final FileReloader<TokenTable> reloader;
  private volatile TokenTable table;

  private AgentCredentials(IngestSettings settings, TokenTable table, ReloadMeters meters) {
    this.settings = settings;
    this.sharedDigest = settings.token().isEmpty() ? null : TokenDigest.of(settings.token());
    this.table = table;
    this.reloader =
        settings.tokensFile().isEmpty()
            ? null
            : new FileReloader<>(
                "tokens",
                List.of(Path.of(settings.tokensFile())),
                () -> TokenTable.read(Path.of(settings.tokensFile())),
                t -> this.table = t,
                meters);
  }

  /**
   * Reads the tokens file of {@code settings}, if any.
   *
   * @throws io.clusterwatch.common.config.ConfigException naming the file and line that is wrong
   */
  public static AgentCredentials load(IngestSettings settings, ReloadMeters meters) {
    TokenTable table =
        settings.tokensFile().isEmpty()
            ? TokenTable.empty()
            : TokenTable.read(Path.of(settings.tokensFile()));
    return new AgentCredentials(settings, table, meters);
  }

  /** True when a hello must carry a token. */
  public boolean required() {
    return sharedDigest != null || !settings.tokensFile().isEmpty();
  }

  /**
   * Whether {@code token} may claim {@code host}: null when it may, else why not. Every entry is
   * compared, whichever matches, so that the time taken does not tell which line a guess hit.
   */
  public Refusal check(String token, String host) {
    if (!required()) {
      return null;
    }
    byte[] digest = TokenDigest.of(token);
    boolean shared = sharedDigest != null && TokenDigest.same(sharedDigest, digest);
    boolean known = false;
    boolean allowed = false;
    for (TokenTable.Entry e : table.entries()) {
      if (TokenDigest.same(e.digest(), digest)) {
        known = true;
        allowed |= e.hosts().matches(host);
      }
    }
    if (shared || allowed) {
      return null;
    }
    return known ? Refusal.HOST : Refusal.TOKEN;
  }

  /** The watch on the tokens file, null without one; for tests that await a reload. */
  public FileReloader<TokenTable> reloads() {
    return reloader;
  }

  /** Starts watching the tokens file, when there is one. */
  public void start(Vertx vertx) {
    if (reloader != null) {
      reloader.start(vertx, settings.tokensCheckInterval());
    }
  }

  public void stop(Vertx vertx) {
    if (reloader != null) {
      reloader.stop(vertx);
    }
  }
}
