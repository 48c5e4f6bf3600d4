package io.clusterwatch.agent.jobs;

/**
 * Job ids as the sources write them: Slurm's numeric ids, SLUIDs, pod names and UIDs, config ids.
 */
public final class JobIds {
  private JobIds() {}

  /** True for a numeric Slurm job id (as opposed to a SLUID, which Slurm cannot be asked about). */
  public static boolean isNumeric(String id) {
    return !id.isEmpty() && id.chars().allMatch(Character::isDigit);
  }

  /** Numeric job ids in numeric order, SLUIDs after them. */
  public static int compare(String a, String b) {
    boolean an = !a.isEmpty() && a.length() < 19 && a.chars().allMatch(Character::isDigit);
    boolean bn = !b.isEmpty() && b.length() < 19 && b.chars().allMatch(Character::isDigit);
    if (an && bn) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
