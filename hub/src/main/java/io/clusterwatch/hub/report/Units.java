package io.clusterwatch.hub.report;

import java.util.Locale;

/** Numbers as the reports print them; "-" where the hub had no data (JSON null). */
final class Units {
  private Units() {}

  static String percent(Double ratio) {
    return ratio == null ? "-" : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }

  static String hours(Double h) {
    return h == null ? "-" : String.format(Locale.ROOT, "%.2f", h);
  }

  static String kwh(Double k) {
    return k == null ? "-" : String.format(Locale.ROOT, "%.3f kWh", k);
  }

  /** Binary units, as nvidia-smi and free print memory. */
  static String bytes(Double b) {
    if (b == null) {
      return "-";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = b;
    int u = 0;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0
        ? String.format(Locale.ROOT, "%.0f B", v)
        : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String duration(long ms) {
    long s = Math.max(0, ms) / 1000;
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
