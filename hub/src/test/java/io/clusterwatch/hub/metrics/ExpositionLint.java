package io.clusterwatch.hub.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Prometheus text exposition (format 0.0.4) against the rules promtool and the format spec
 * enforce: valid names, one HELP and one TYPE per family with TYPE before its samples, every
 * family's samples in one group, no duplicate series, counters ending in {@code _total}, parseable
 * values, a final newline. Returns the problems found.
 */
public final class ExpositionLint {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( -?\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private ExpositionLint() {}

  /** The sample names a family of {@code type} may use. */
  private static boolean belongs(String sample, String family, String type) {
    if (sample.equals(family)) {
      return true;
    }
    switch (type) {
      case "histogram":
        return sample.equals(family + "_bucket")
            || sample.equals(family + "_count")
            || sample.equals(family + "_sum");
      case "summary":
        return sample.equals(family + "_count") || sample.equals(family + "_sum");
      default:
        return false;
    }
  }

  public static List<String> check(String text) {
    List<String> problems = new ArrayList<>();
    if (!text.endsWith("\n")) {
      problems.add("the last line does not end with a newline");
    }
    Map<String, String> types = new HashMap<>();
    Set<String> helps = new HashSet<>();
    Set<String> closedFamilies = new HashSet<>();
    Set<String> series = new HashSet<>();
    String current = null;
    int lineNo = 0;
    for (String line : text.split("\n")) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ", 4);
        String name = parts.length > 2 ? parts[2] : "";
        if (!NAME.matcher(name).matches()) {
          problems.add(lineNo + ": invalid metric name '" + name + "'");
        }
        if (!name.equals(current)) {
          if (current != null) {
            closedFamilies.add(current);
          }
          if (closedFamilies.contains(name)) {
            problems.add(lineNo + ": family " + name + " appears in two groups");
          }
          current = name;
        }
        if (line.startsWith("# HELP ")) {
          if (!helps.add(name)) {
            problems.add(lineNo + ": second HELP for " + name);
          }
        } else {
          String type = parts.length > 3 ? parts[3] : "";
          if (!TYPES.contains(type)) {
            problems.add(lineNo + ": unknown type '" + type + "'");
          }
          if (types.put(name, type) != null) {
            problems.add(lineNo + ": second TYPE for " + name);
          }
          if (type.equals("counter") && !name.endsWith("_total")) {
            problems.add(lineNo + ": counter " + name + " does not end in _total");
          }
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        problems.add(lineNo + ": not a sample line: " + line);
        continue;
      }
      String name = m.group(1);
      String type = current == null ? null : types.get(current);
      if (current == null || type == null) {
        problems.add(lineNo + ": sample " + name + " before any TYPE");
      } else if (!belongs(name, current, type)) {
        problems.add(
            lineNo + ": sample " + name + " outside its family's group (current " + current + ")");
      }
      String labels = m.group(3) == null ? "" : m.group(3);
      Set<String> labelNames = new HashSet<>();
      int pos = 0;
      Matcher lm = LABEL.matcher(labels);
      while (pos < labels.length()) {
        if (!lm.find(pos) || lm.start() != pos) {
          problems.add(lineNo + ": malformed labels: " + labels);
          break;
        }
        if (!labelNames.add(lm.group(1)) || lm.group(1).startsWith("__")) {
          problems.add(lineNo + ": duplicate or reserved label " + lm.group(1));
        }
        pos = lm.end();
      }
      if (!series.add(name + "{" + labels + "}")) {
        problems.add(lineNo + ": duplicate series " + name + "{" + labels + "}");
      }
      String value = m.group(4);
      if (!value.equals("NaN") && !value.equals("+Inf") && !value.equals("-Inf")) {
        try {
          Double.parseDouble(value);
        } catch (NumberFormatException e) {
          problems.add(lineNo + ": value '" + value + "' is not a number");
        }
      }
    }
    return problems;
  }
}
