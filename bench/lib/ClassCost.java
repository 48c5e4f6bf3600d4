import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the classes of each library cost when loaded: reads a list of class names (one a line, as
 * `-Xlog:class+load` of a running agent prints them in its second column), loads, links and
 * initialises those of each package prefix in turn, and prints per prefix the growth of metaspace
 * (used, in MiB, from the memory pool beans) and of VmRSS. The first prefix also pays for opening
 * the class path's jar.
 *
 * <p>usage: javac -d DIR bench/lib/ClassCost.java && java [the agent's JVM flags] -Xshare:off -cp
 * DIR:agent/target/clusterwatch-agent.jar ClassCost CLASS_LIST
 */
public final class ClassCost {
  private static final String[] PREFIXES = {
    "io.clusterwatch.common.",
    "java.",
    "sun.",
    "jdk.",
    "com.sun.jna.",
    "org.yaml.snakeyaml.",
    "picocli.",
    "io.clusterwatch.",
    "com.fasterxml.jackson."
  };

  private ClassCost() {}

  private static long metaspaceKib() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Metaspace") || pool.getName().contains("Class Space")) {
        used += pool.getUsage().getUsed();
      }
    }
    return used / 1024;
  }

  private static long rssKib() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS line in /proc/self/status");
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ClassCost CLASS_LIST");
    }
    List<String> names = Files.readAllLines(Path.of(args[0]));
    metaspaceKib();
    System.gc();
    long rss = rssKib();
    long meta = metaspaceKib();
    System.out.printf("start: VmRSS %.1f MiB%n", rss / 1024.0);
    for (String prefix : PREFIXES) {
      int loaded = 0;
      int failed = 0;
      for (String name : names) {
        if (name.startsWith(prefix)) {
          try {
            Class.forName(name, true, ClassCost.class.getClassLoader());
            loaded++;
          } catch (Throwable e) { // a class whose initialiser needs the agent's state: counted
            failed++;
          }
        }
      }
      System.gc();
      long rssNow = rssKib();
      long metaNow = metaspaceKib();
      System.out.printf(
          "%-24s classes %4d (failed %3d)  metaspace +%.1f MiB  VmRSS +%.1f MiB%n",
          prefix, loaded, failed, (metaNow - meta) / 1024.0, (rssNow - rss) / 1024.0);
      rss = rssNow;
      meta = metaNow;
    }
  }
}
