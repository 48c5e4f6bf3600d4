package io.clusterwatch.hub.cluster;

import io.clusterwatch.hub.rules.Alert;
import io.clusterwatch.hub.rules.AlertState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a GPU's {@code unhealthy} flag agree with the health alerts firing for it: the XID alert
 * stays firing for its whole window after the counter rose (the stored value shows the rise for one
 * sample only), and an uncorrected ECC alert means the same as the flag's {@code ecc_uncorrected}.
 */
final class GpuAlertFlags {
  /** Health rules whose firing alert on a GPU sets one of the documented reasons. */
  private static final Map<String, String> REASON_BY_RULE =
      Map.of("gpu_xid", "xid", "gpu_ecc_uncorrected", "ecc_uncorrected");

  private GpuAlertFlags() {}

  static List<GpuView> apply(List<GpuView> gpus, List<Alert> alerts) {
    Map<String, Set<String>> byGpu = new HashMap<>();
    for (Alert a : alerts) {
      String reason = REASON_BY_RULE.get(a.rule());
      String uuid = a.labels().get("gpu_uuid");
      if (a.state() == AlertState.FIRING && reason != null && uuid != null) {
        byGpu
            .computeIfAbsent(a.labels().get("host") + "\n" + uuid, k -> new LinkedHashSet<>())
            .add(reason);
      }
    }
    if (byGpu.isEmpty()) {
      return gpus;
    }
    List<GpuView> out = new ArrayList<>(gpus.size());
    for (GpuView g : gpus) {
      Set<String> extra = byGpu.get(g.host() + "\n" + g.uuid());
      if (extra == null || g.unhealthyReasons().containsAll(extra)) {
        out.add(g);
        continue;
      }
      Set<String> reasons = new LinkedHashSet<>(g.unhealthyReasons());
      reasons.addAll(extra);
      out.add(
          new GpuView(
              g.host(),
              g.index(),
              g.uuid(),
              g.pciBusId(),
              g.model(),
              g.state(),
              g.idleSinceMs(),
              g.memoryHeldIdle(),
              List.copyOf(reasons),
              g.utilization(),
              g.memoryUsedBytes(),
              g.memoryTotalBytes(),
              g.powerWatts(),
              g.temperatureCelsius(),
              g.job()));
    }
    return out;
  }
}
