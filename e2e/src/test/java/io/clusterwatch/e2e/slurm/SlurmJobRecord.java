package io.clusterwatch.e2e.slurm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job as {@code scontrol show job} prints it: {@code Key=Value} fields separated by blanks, on
 * one line ({@code -o}) or several. Values can themselves contain blanks ({@code Reason=...},
 * {@code Comment=...}), so a field runs until the next blank followed by {@code Key=}.
 */
public record SlurmJobRecord(Map<String, String> fields) {

  // A key is letters, digits, ':' or '/' (e.g. "TresPerNode", "Socks/Node", "MinCPUsNode"), then
  // '='.
  private static final Pattern FIELD_START =
      Pattern.compile("(?:^|\\s+)([A-Za-z][A-Za-z0-9_:/]*)=");

  public SlurmJobRecord {
    fields = Map.copyOf(fields);
  }

  /** Parses scontrol's text for one job. */
  public static SlurmJobRecord parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher m = FIELD_START.matcher(text);
    String key = null;
    int valueStart = 0;
    while (m.find()) {
      if (key != null) {
        fields.putIfAbsent(key, text.substring(valueStart, m.start()).strip());
      }
      key = m.group(1);
      valueStart = m.end();
    }
    if (key == null) {
      throw new IllegalArgumentException("no Key=Value fields in scontrol output: " + text.strip());
    }
    fields.putIfAbsent(key, text.substring(valueStart).strip());
    return new SlurmJobRecord(fields);
  }

  public Optional<String> field(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  /** The job state without qualifiers, e.g. "RUNNING", "COMPLETED". */
  public String state() {
    return field("JobState")
        .orElseThrow(() -> new IllegalStateException("no JobState in " + fields));
  }
}
