package io.clusterwatch.agent.testing;

import io.clusterwatch.agent.host.HostPaths;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The fixture trees under {@code src/test/resources/fixtures} (see the README in each set). */
public final class Fixtures {
  private Fixtures() {}

  /** {@code dir("node_exporter")} is the root of that fixture set on disk. */
  public static Path dir(String set) {
    URL url = Fixtures.class.getResource("/fixtures/" + set);
    if (url == null) {
      throw new IllegalArgumentException("no fixture set " + set);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code <set>/proc} and {@code <set>/sys} as the host's procfs and sysfs. */
  public static HostPaths hostPaths(String set) {
    Path root = dir(set);
    return new HostPaths(root.resolve("proc"), root.resolve("sys"));
  }
}
