package io.clusterwatch.agent.jobs.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one node's {@code gres_detail} entry, e.g. {@code
 * gpu:a100:2(IDX:0,2),gpu:v100:1(IDX:4),mps:10} or {@code gpu:8(IDX:0-7)}, into GPU indices (Slurm
 * {@code doc/html/gres.shtml}). Shards ({@code shard:8(-/5,5/5)}) and MPS are not whole GPUs and
 * are skipped.
 */
public final class GresDetailParser {
  private static final Pattern GPU_IDX = Pattern.compile("gpu(?::[^:(,]+)?:\\d+\\(IDX:([^)]*)\\)");
  private static final int MAX_INDEX = 4096;

  private GresDetailParser() {}

  /**
   * @throws IllegalArgumentException naming the entry when an index list is malformed
   */
  public static List<Integer> gpuIndices(String gresDetail) {
    List<Integer> out = new ArrayList<>();
    Matcher m = GPU_IDX.matcher(gresDetail);
    while (m.find()) {
      String list = m.group(1).trim();
      if (list.isEmpty() || list.equals("N/A")) {
        continue;
      }
      for (String part : list.split(",")) {
        String p = part.trim();
        try {
          int dash = p.indexOf('-');
          int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
          int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
          if (from < 0 || to < from || to > MAX_INDEX) {
            throw new NumberFormatException("range out of bounds");
          }
          for (int i = from; i <= to; i++) {
            if (!out.contains(i)) {
              out.add(i);
            }
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "gres_detail '" + gresDetail + "': bad GPU index '" + p + "'", e);
        }
      }
    }
    return out;
  }
}
