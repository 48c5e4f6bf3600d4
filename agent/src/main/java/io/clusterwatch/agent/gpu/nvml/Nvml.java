package io.clusterwatch.agent.gpu.nvml;

import java.util.Objects;
import java.util.Set;

/**
 * A loaded NVML library and the symbols it exports.
 *
 * @param api the JNA interface binding, for the calls made at start-up, rarely or on MIG devices
 * @param calls the direct-mapped calls of every tick ({@link NvmlDirectCalls})
 * @param symbols the {@link NvmlLibrary} method names the library exports
 * @param location the path or soname it was loaded from, for messages
 */
public record Nvml(NvmlLibrary api, NvmlDirectCalls calls, Set<String> symbols, String location) {
  public Nvml {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(calls, "calls");
    symbols = Set.copyOf(symbols);
    Objects.requireNonNull(location, "location");
  }

  public boolean has(String symbol) {
    return symbols.contains(symbol);
  }
}
