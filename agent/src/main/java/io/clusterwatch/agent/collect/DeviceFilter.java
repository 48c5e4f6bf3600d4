package io.clusterwatch.agent.collect;

import java.util.regex.Pattern;

/**
 * Device-name patterns of a collector that reads many devices (disks, network interfaces). A device
 * is kept when it matches {@code include} and does not match {@code exclude}; both are full-match
 * Java regular expressions, and an empty one filters nothing.
 */
public record DeviceFilter(Pattern include, Pattern exclude) {
  private static final Pattern NONE = Pattern.compile("");

  public DeviceFilter {
    include = include == null ? NONE : include;
    exclude = exclude == null ? NONE : exclude;
  }

  public boolean accepts(String device) {
    if (!include.pattern().isEmpty() && !include.matcher(device).matches()) {
      return false;
    }
    return exclude.pattern().isEmpty() || !exclude.matcher(device).matches();
  }
}
