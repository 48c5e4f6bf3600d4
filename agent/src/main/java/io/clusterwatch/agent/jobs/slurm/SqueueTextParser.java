package io.clusterwatch.agent.jobs.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code squeue --noheader --format=}{@link #FORMAT}, the listing of Slurm builds without
 * the JSON data_parser plugin. Fields (squeue(1), {@code -o}): {@code %A} job id (an array
 * element's own id), {@code %U} uid, {@code %u} user, {@code %P} partition, {@code %a} account,
 * {@code %T} state, {@code %j} name, last because a name may hold the separator. Lines in a state
 * other than RUNNING are left out.
 */
public final class SqueueTextParser {
  /** The {@code --format} this parser reads. */
  public static final String FORMAT = "%A|%U|%u|%P|%a|%T|%j";

  private static final int FIELDS = 7;

  private SqueueTextParser() {}

  /**
   * @throws IllegalArgumentException naming the line when a line has too few fields or a job id or
   *     uid that is not a number
   */
  public static SqueueListing parse(String stdout) {
    List<SqueueJob> jobs = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\\|", FIELDS);
      if (f.length != FIELDS) {
        throw new IllegalArgumentException(
            "squeue line '"
                + line
                + "': expected "
                + FIELDS
                + " fields of "
                + FORMAT
                + ", got "
                + f.length);
      }
      String id = f[0].strip();
      String uid = f[1].strip();
      if (!isNumber(id)) {
        throw new IllegalArgumentException(
            "squeue line '" + line + "': job id '" + id + "' is not a number");
      }
      if (!isNumber(uid)) {
        throw new IllegalArgumentException(
            "squeue line '" + line + "': uid '" + uid + "' is not a number");
      }
      if (!f[5].strip().equals("RUNNING")) {
        continue;
      }
      jobs.add(new SqueueJob(id, nullable(f[2]), uid, f[6], nullable(f[4]), nullable(f[3])));
    }
    return new SqueueListing(jobs, Map.of());
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(Character::isDigit);
  }

  /** squeue prints an unset string as {@code (null)}. */
  private static String nullable(String v) {
    String s = v.strip();
    return s.equals("(null)") ? "" : s;
  }
}
