package io.clusterwatch.agent.network;

import io.clusterwatch.agent.collect.CollectorSettings;
import io.clusterwatch.agent.collect.DeviceFilter;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code collectors.network}: {@code /proc/net/dev}.
 *
 * @param enabled run the collector ({@code enabled}, default true)
 * @param include keep only interfaces matching this full-match regular expression ({@code include},
 *     default empty: every interface)
 * @param exclude leave out interfaces matching it ({@code exclude}, default loopback and virtual
 *     interfaces); empty leaves nothing out
 */
public record NetworkSettings(Boolean enabled, Pattern include, Pattern exclude)
    implements CollectorSettings {
  static final Pattern DEFAULT_EXCLUDE =
      Pattern.compile(
          "lo|veth.*|docker.*|br-.*|virbr.*|cni.*|flannel.*|cali.*|vxlan.*|tun.*|tap.*");

  public NetworkSettings {
    enabled = Objects.requireNonNullElse(enabled, true);
    include = Objects.requireNonNullElse(include, Pattern.compile(""));
    exclude = Objects.requireNonNullElse(exclude, DEFAULT_EXCLUDE);
  }

  /** Every default. */
  public static NetworkSettings defaults() {
    return new NetworkSettings(null, null, null);
  }

  public DeviceFilter filter() {
    return new DeviceFilter(include, exclude);
  }
}
