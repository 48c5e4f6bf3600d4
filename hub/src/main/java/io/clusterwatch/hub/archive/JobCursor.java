package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.Job;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in the job list, whose order is newest start first, then id. Opaque to clients: the
 * start time and id of the last job of a page, in URL-safe base64.
 */
public record JobCursor(long startMs, String id) {
  /** The list's order. */
  public static final Comparator<Job> ORDER =
      Comparator.comparingLong(Job::startMs).reversed().thenComparing(Job::id);

  public static JobCursor after(Job job) {
    return new JobCursor(job.startMs(), job.id());
  }

  /** True when {@code job} comes after this position in the list's order. */
  public boolean precedes(Job job) {
    return job.startMs() < startMs || (job.startMs() == startMs && job.id().compareTo(id) > 0);
  }

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((startMs + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException for text this class did not write
   */
  public static JobCursor decode(String text) {
    String s;
    try {
      s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a job list cursor: " + text, e);
    }
    int colon = s.indexOf(':');
    try {
      return new JobCursor(
          Long.parseLong(s.substring(0, Math.max(0, colon))), s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a job list cursor: " + text, e);
    }
  }
}
