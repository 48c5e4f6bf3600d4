package io.clusterwatch.hub.live;

/**
 * What a /live client subscribed to: {@code cluster}, {@code node:{host}} or {@code job:{id}}.
 *
 * @param kind the part before the colon
 * @param id the host or job id; empty for the cluster
 */
public record LiveView(Kind kind, String id) {
  /** The three view kinds. */
  public enum Kind {
    CLUSTER,
    NODE,
    JOB
  }

  /** Parses a view name; null when it is none of the three forms. */
  public static LiveView parse(String view) {
    if ("cluster".equals(view)) {
      return new LiveView(Kind.CLUSTER, "");
    }
    if (view.startsWith("node:") && view.length() > 5) {
      return new LiveView(Kind.NODE, view.substring(5));
    }
    if (view.startsWith("job:") && view.length() > 4) {
      return new LiveView(Kind.JOB, view.substring(4));
    }
    return null;
  }

  /** The name as the client wrote it. */
  public String name() {
    switch (kind) {
      case NODE:
        return "node:" + id;
      case JOB:
        return "job:" + id;
      default:
        return "cluster";
    }
  }
}
