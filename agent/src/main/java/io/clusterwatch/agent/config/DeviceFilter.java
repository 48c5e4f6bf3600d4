package io.clusterwatch.agent.config;

import java.util.regex.Pattern;

/**
 * A collector switch plus device-name patterns. A device is kept when it matches {@code include}
 * (an empty include keeps everything) and does not match {@code exclude} (empty excludes nothing).
 * Both are full-match Java regular expressions.
 *
 * @param wholeDevicesOnly disk only: keep devices with an entry under {@code sys/block} (whole
 *     disks, not partitions); ignored by the network collector
 */
public record DeviceFilter(
    boolean enabled, Pattern include, Pattern exclude, boolean wholeDevicesOnly) {

  /** node_exporter's default diskstats exclusion, plus whole devices only. */
  public static DeviceFilter diskDefaults() {
    return new DeviceFilter(
        true, null, Pattern.compile("(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+"), true);
  }

  /** Loopback and virtual interfaces are left out by default. */
  public static DeviceFilter networkDefaults() {
    return new DeviceFilter(
        true,
        null,
        Pattern.compile("lo|veth.*|docker.*|br-.*|virbr.*|cni.*|flannel.*|cali.*|vxlan.*|tun.*|tap.*"),
        false);
  }

  public boolean accepts(String device) {
    if (include != null && !include.matcher(device).matches()) {
      return false;
    }
    return exclude == null || !exclude.matcher(device).matches();
  }
}
