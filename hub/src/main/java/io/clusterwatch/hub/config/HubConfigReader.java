package io.clusterwatch.hub.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clusterwatch.common.config.ConfigException;
import io.clusterwatch.common.config.ConfigReader;
import io.clusterwatch.common.config.RenamedKeys;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the hub's YAML file strictly into {@link HubConfig}: an unknown key or a bad value is a
 * {@link ConfigException} naming the file and the key path, and a key of an earlier release names
 * its new spelling.
 */
public final class HubConfigReader {
  /**
   * Keys of earlier releases, by full path (list indices left out), with what to write instead.
   * They carried their unit in their name; the new keys take a duration or a byte size.
   */
  static final RenamedKeys RENAMED =
      RenamedKeys.of(
          Map.ofEntries(
              Map.entry("server.max_body_bytes", "server.max_body (a byte size, e.g. 64KiB)"),
              Map.entry("ingest.max_frame_bytes", "ingest.max_frame (a byte size, e.g. 1MiB)"),
              Map.entry(
                  "ingest.max_text_message_bytes",
                  "ingest.max_text_message (a byte size, e.g. 8MiB)"),
              Map.entry("ingest.hello_timeout_ms", "ingest.hello_timeout (a duration, e.g. 10s)"),
              Map.entry("store.raw_step_ms", "store.raw_step (a duration, e.g. 1s)"),
              Map.entry("store.raw_retention_seconds", "store.retention.raw (a duration, e.g. 1h)"),
              Map.entry(
                  "store.rollup_10s_retention_seconds",
                  "store.retention.rollup_10s (a duration, e.g. 24h)"),
              Map.entry(
                  "store.rollup_60s_retention_seconds",
                  "store.retention.rollup_60s (a duration, e.g. 14d)"),
              Map.entry("store.wal_sync_ms", "store.wal_sync (a duration, e.g. 1s)"),
              Map.entry(
                  "gpu.memory_held_idle_bytes", "gpu.memory_held_idle (a byte size, e.g. 1GiB)"),
              Map.entry(
                  "jobs.static.start_ms",
                  "jobs.static[].start (a UTC time, e.g. 2026-01-31T08:00:00Z; leave it out for when the hub starts)"),
              Map.entry("live.tick_ms", "live.tick (a duration, e.g. 50ms)"),
              Map.entry("live.cluster_interval_ms", "live.cluster_interval (a duration, e.g. 1s)"),
              Map.entry(
                  "live.max_write_queue_bytes", "live.max_write_queue (a byte size, e.g. 1MiB)"),
              Map.entry("live.max_message_bytes", "live.max_message (a byte size, e.g. 4KiB)")));

  private final ConfigReader reader = new ConfigReader(RENAMED);

  /** The file's tree, or an empty one when there is no file; flags are laid over it. */
  public ObjectNode tree(Path file) {
    return file == null ? reader.tree("", "defaults") : reader.tree(file);
  }

  /**
   * {@code text} as a whole configuration, for tests and tools; {@code source} names it in errors.
   */
  public HubConfig read(String text, String source) {
    return bind(reader.tree(text, source), source);
  }

  /** Reads {@code file}. */
  public HubConfig read(Path file) {
    return reader.read(file, HubConfig.class);
  }

  /**
   * Binds a (possibly flag-edited) tree.
   *
   * @throws ConfigException naming {@code source} and the key
   */
  public HubConfig bind(ObjectNode tree, String source) {
    return reader.bind(tree, source, HubConfig.class);
  }
}
