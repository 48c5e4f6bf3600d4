package io.clusterwatch.agent.jobs.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code scontrol show job -d <id>} (multi-line form), for Slurm builds where
 * neither {@code scontrol --json} nor {@code squeue --json} answers (no JSON data_parser plugin).
 * Read: job id and name, user, account, partition, reservation, state, time limit, and per node
 * group the GPU indices of {@code Nodes=<hostlist> ... GRES=gpu:N(IDX:...)}. The start time is not
 * read: scontrol prints it in its own local time without a zone.
 */
public final class ScontrolTextParser {
  private static final Pattern JOB_ID = Pattern.compile("(?m)^JobId=(\\d+)");

  /** JobName runs to the end of the first line (names may hold spaces). */
  private static final Pattern JOB_NAME = Pattern.compile("(?m)^JobId=\\d+ JobName=(.*)$");

  private static final Pattern USER = Pattern.compile("\\bUserId=([^\\s(]*)\\(\\d+\\)");
  private static final Pattern ACCOUNT = Pattern.compile("\\bAccount=(\\S*)");
  private static final Pattern PARTITION = Pattern.compile("\\bPartition=(\\S*)");
  private static final Pattern RESERVATION = Pattern.compile("\\bReservation=(\\S*)");
  private static final Pattern STATE = Pattern.compile("\\bJobState=(\\S+)");
  private static final Pattern TIME_LIMIT = Pattern.compile("\\bTimeLimit=(\\S+)");
  private static final Pattern NODE_GRES =
      Pattern.compile("(?m)^\\s+Nodes=(\\S+) .*?\\bGRES=(\\S*)[ \\t]*$");

  /** Slurm's time format (secs2time_str): [days-]hours:minutes:seconds, or minutes:seconds. */
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)");

  private ScontrolTextParser() {}

  /**
   * @throws IllegalArgumentException when the text names no job, or a field is malformed
   */
  public static SlurmJobRecord parse(String text) {
    Matcher id = JOB_ID.matcher(text);
    if (!id.find()) {
      throw new IllegalArgumentException(
          "scontrol show job: no JobId= line in '" + abbreviate(text) + "'");
    }
    String limitText = first(TIME_LIMIT, text);
    boolean unlimited = limitText.equals("UNLIMITED") || limitText.equals("INFINITE");
    Optional<Long> limit =
        unlimited || limitText.isEmpty() || limitText.equals("NONE")
            ? Optional.empty()
            : Optional.of(minutes(limitText));
    String state = first(STATE, text);
    Map<String, List<Integer>> gpus = new LinkedHashMap<>();
    Matcher m = NODE_GRES.matcher(text);
    while (m.find()) {
      List<Integer> indices = GresDetailParser.gpuIndices(m.group(2));
      if (indices.isEmpty()) {
        continue;
      }
      for (String node : HostList.expand(m.group(1))) {
        gpus.put(node, indices);
      }
    }
    return new SlurmJobRecord(
        id.group(1),
        Optional.empty(),
        first(USER, text),
        first(JOB_NAME, text).strip(),
        nullable(first(ACCOUNT, text)),
        nullable(first(PARTITION, text)),
        nullable(first(RESERVATION, text)),
        state.isEmpty() ? List.of() : List.of(state),
        limit,
        unlimited,
        Optional.empty(),
        gpus);
  }

  /** Whole minutes of a Slurm duration, Slurm's unit for time limits. */
  static long minutes(String duration) {
    Matcher d = DURATION.matcher(duration);
    if (!d.matches()) {
      throw new IllegalArgumentException(
          "scontrol show job: TimeLimit '" + duration + "' is not [D-]HH:MM:SS");
    }
    long days = d.group(1) == null ? 0 : Long.parseLong(d.group(1));
    long hours = d.group(2) == null ? 0 : Long.parseLong(d.group(2));
    long seconds =
        ((days * 24 + hours) * 60 + Long.parseLong(d.group(3))) * 60 + Long.parseLong(d.group(4));
    return seconds / 60;
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  /** scontrol prints an unset string as {@code (null)}. */
  private static String nullable(String v) {
    return v.equals("(null)") ? "" : v;
  }

  private static String abbreviate(String s) {
    String one = s.strip().replace('\n', ' ');
    return one.length() > 120 ? one.substring(0, 120) + "..." : one;
  }

  /** Slurm hostlist expressions of one bracket group: {@code gpu[01-03,07]}, {@code vm}. */
  static final class HostList {
    private static final Pattern BRACKET = Pattern.compile("([^\\[,]*)\\[([^\\]]+)\\]([^\\[,]*)");

    private HostList() {}

    static List<String> expand(String list) {
      List<String> out = new ArrayList<>();
      for (String part : splitTopLevel(list)) {
        Matcher m = BRACKET.matcher(part);
        if (!m.matches()) {
          out.add(part);
          continue;
        }
        for (String range : m.group(2).split(",")) {
          int dash = range.indexOf('-');
          String from = dash < 0 ? range : range.substring(0, dash);
          String to = dash < 0 ? range : range.substring(dash + 1);
          try {
            long a = Long.parseLong(from);
            long b = Long.parseLong(to);
            if (b < a || b - a > 100_000) {
              throw new NumberFormatException("range out of bounds");
            }
            for (long i = a; i <= b; i++) {
              String n = Long.toString(i);
              String padded = "0".repeat(Math.max(0, from.length() - n.length())) + n;
              out.add(m.group(1) + padded + m.group(3));
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "scontrol show job: bad host list '" + list + "'", e);
          }
        }
      }
      return out;
    }

    /** Splits at commas outside brackets. */
    private static List<String> splitTopLevel(String list) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      int start = 0;
      for (int i = 0; i < list.length(); i++) {
        char c = list.charAt(i);
        if (c == '[') {
          depth++;
        } else if (c == ']') {
          depth--;
        } else if (c == ',' && depth == 0) {
          parts.add(list.substring(start, i));
          start = i + 1;
        }
      }
      parts.add(list.substring(start));
      return parts;
    }
  }
}
