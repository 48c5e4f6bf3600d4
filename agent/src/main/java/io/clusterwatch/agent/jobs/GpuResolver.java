package io.clusterwatch.agent.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns GPU names from Slurm and CUDA into this node's GPU UUIDs, using the inventory: full or
 * prefix UUIDs ({@code GPU-8932f937}, CUDA accepts unique prefixes), MIG UUIDs ({@code MIG-...} and
 * the older {@code MIG-GPU-<uuid>/<gi>/<ci>}), PCI bus ids, and host indices read with a declared
 * {@link GpuIndexMeaning}. A name that matches nothing, or more than one GPU, stays unresolved
 * rather than guessed.
 */
public final class GpuResolver {
  private final List<GpuDevice> devices;
  private final GpuIndexMeaning indexMeaning;

  public GpuResolver(List<GpuDevice> devices, GpuIndexMeaning indexMeaning) {
    this.devices = List.copyOf(devices);
    this.indexMeaning = indexMeaning;
  }

  /** Resolved UUIDs (in the order given) and the names that resolved to nothing. */
  public record Resolution(Set<String> uuids, List<String> unresolved) {}

  /** Splits a comma list ({@code 0,1}, {@code GPU-a,GPU-b}) and resolves every entry. */
  public Resolution resolveList(String commaList, boolean indicesAllowed) {
    List<String> tokens = new ArrayList<>();
    if (commaList != null) {
      for (String t : commaList.split(",")) {
        if (!t.isBlank()) {
          tokens.add(t.trim());
        }
      }
    }
    return resolveAll(tokens, indicesAllowed);
  }

  /**
   * Resolves every name; with {@code indicesAllowed} false a bare number is left unresolved (a
   * job's own {@code CUDA_VISIBLE_DEVICES} counts from 0 inside its device cgroup, so it names no
   * host GPU).
   */
  public Resolution resolveAll(Collection<String> names, boolean indicesAllowed) {
    Set<String> uuids = new LinkedHashSet<>();
    List<String> unresolved = new ArrayList<>();
    for (String n : names) {
      Optional<GpuDevice> d = resolve(n, indicesAllowed);
      if (d.isPresent()) {
        uuids.add(d.get().uuid());
      } else {
        unresolved.add(n);
      }
    }
    return new Resolution(uuids, unresolved);
  }

  /** One name to its GPU, if exactly one GPU matches. */
  public Optional<GpuDevice> resolve(String name, boolean indicesAllowed) {
    String n = name.trim();
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.chars().allMatch(Character::isDigit)) {
      if (!indicesAllowed || n.length() > 6) {
        return Optional.empty();
      }
      int idx = Integer.parseInt(n);
      return unique(
          devices.stream()
              .filter(
                  d ->
                      indexMeaning == GpuIndexMeaning.DEVICE_MINOR
                          ? d.minor() == idx
                          : d.index() == idx)
              .toList());
    }
    String lower = n.toLowerCase();
    if (lower.startsWith("mig-gpu-")) {
      // Pre-R470 MIG naming: MIG-GPU-<parent uuid>/<gpu instance>/<compute instance>
      String parent = n.substring(4).split("/", 2)[0].toLowerCase();
      return unique(
          devices.stream().filter(d -> d.uuid().toLowerCase().startsWith(parent)).toList());
    }
    if (lower.startsWith("mig-")) {
      return unique(
          devices.stream()
              .filter(d -> d.migUuids().stream().anyMatch(m -> m.toLowerCase().startsWith(lower)))
              .toList());
    }
    if (lower.startsWith("gpu-")) {
      return unique(
          devices.stream().filter(d -> d.uuid().toLowerCase().startsWith(lower)).toList());
    }
    String bus = normalizeBusId(n);
    return unique(devices.stream().filter(d -> normalizeBusId(d.pciBusId()).equals(bus)).toList());
  }

  /** UUIDs in NVML index order, unknown ones last. */
  public List<String> inIndexOrder(Set<String> uuids) {
    List<String> out = new ArrayList<>();
    for (GpuDevice d : devices) {
      if (uuids.contains(d.uuid())) {
        out.add(d.uuid());
      }
    }
    for (String u : uuids) {
      if (!out.contains(u)) {
        out.add(u);
      }
    }
    return out;
  }

  /** NVML prints an 8-digit domain ({@code 00000000:3B:00.0}), sysfs a 4-digit one, lower case. */
  static String normalizeBusId(String busId) {
    String b = busId.trim().toLowerCase();
    int colons = (int) b.chars().filter(c -> c == ':').count();
    if (colons == 1) {
      b = "0000:" + b;
    }
    int first = b.indexOf(':');
    if (first > 0) {
      String domain = b.substring(0, first).replaceFirst("^0+", "");
      b =
          String.format("%4s", domain.isEmpty() ? "0" : domain).replace(' ', '0')
              + b.substring(first);
    }
    return b;
  }

  private static Optional<GpuDevice> unique(List<GpuDevice> matches) {
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }
}
