package io.clusterwatch.agent.gpu.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.clusterwatch.agent.gpu.GpuBackend;
import io.clusterwatch.agent.gpu.GpuGauge;
import io.clusterwatch.agent.gpu.GpuIdentity;
import io.clusterwatch.agent.gpu.GpuProcess;
import io.clusterwatch.agent.gpu.GpuReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Reads every GPU through NVML. {@code nvmlInit_v2} is called once at {@link #open} and paired with
 * one {@code nvmlShutdown} at {@link #close()}; device handles live in between. Each tick reads the
 * GPUs one after another on the {@link NvmlWatchdog}'s worker: a GPU whose read hangs, or that is
 * lost, is reported stale; later ticks skip a GPU until its hung call returns, and never query a
 * lost GPU (GPU_IS_LOST) again.
 */
public final class NvmlGpuBackend implements GpuBackend {
  private final Nvml nvml;
  private final NvmlWatchdog watchdog;
  private final Clock clock;
  private final Duration processInterval;
  private final System.Logger log;
  private final List<NvmlDevice> devices;
  private final NvmlDeviceReader reader;
  private final NvmlProcessReader processReader;
  private final XidEventWatcher xids;
  private final Map<Integer, List<GpuProcess>> processes = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> stale = new ConcurrentHashMap<>();
  private Instant nextProcessListing = Instant.MIN;
  private boolean closed;

  private NvmlGpuBackend(
      Nvml nvml,
      NvmlWatchdog watchdog,
      Clock clock,
      Duration processInterval,
      System.Logger log,
      List<NvmlDevice> devices,
      XidEventWatcher xids) {
    this.nvml = nvml;
    this.watchdog = watchdog;
    this.clock = clock;
    this.processInterval = processInterval;
    this.log = log;
    this.devices = devices;
    this.reader = new NvmlDeviceReader(nvml, log);
    this.processReader = new NvmlProcessReader(nvml);
    this.xids = xids;
  }

  /**
   * Initialises NVML and finds the GPUs.
   *
   * @param xidListener told (gpu index, xid) after each XID event is counted
   * @throws NvmlUnavailableException when {@code nvmlInit_v2} or the device count fails or hangs
   */
  public static NvmlGpuBackend open(
      Nvml nvml,
      NvmlWatchdog watchdog,
      Clock clock,
      Duration processInterval,
      System.Logger log,
      BiConsumer<Integer, Long> xidListener) {
    NvmlLibrary api = nvml.api();
    int init = callAtStart(watchdog, "nvmlInit_v2", api::nvmlInit_v2, nvml);
    if (init != NvmlReturn.SUCCESS) {
      throw new NvmlUnavailableException(
          "nvmlInit_v2 failed with "
              + NvmlReturn.describe(init)
              + " (library "
              + nvml.location()
              + ")",
          null);
    }
    try {
      IntByReference count = new IntByReference();
      int code =
          callAtStart(
              watchdog, "nvmlDeviceGetCount_v2", () -> api.nvmlDeviceGetCount_v2(count), nvml);
      if (code != NvmlReturn.SUCCESS) {
        throw new NvmlUnavailableException(
            "nvmlDeviceGetCount_v2 failed with " + NvmlReturn.describe(code), null);
      }
      List<NvmlDevice> devices = new ArrayList<>();
      List<Pointer> handles = new ArrayList<>();
      for (int i = 0; i < count.getValue(); i++) {
        Optional<NvmlDevice> device = identify(nvml, watchdog, i, log);
        device.ifPresent(devices::add);
        handles.add(device.map(NvmlDevice::handle).orElse(null));
      }
      XidEventWatcher xids = new XidEventWatcher(api, handles, log, xidListener);
      NvmlWatchdog.Outcome<Object> started =
          watchdog.run(
              "xid-events",
              () -> {
                xids.start();
                return null;
              });
      if (!(started instanceof NvmlWatchdog.Outcome.Done)) {
        log.log(
            System.Logger.Level.WARNING, "XID event registration did not complete: {0}", started);
      }
      return new NvmlGpuBackend(
          nvml, watchdog, clock, processInterval, log, List.copyOf(devices), xids);
    } catch (RuntimeException e) {
      api.nvmlShutdown();
      throw e;
    }
  }

  private static int callAtStart(
      NvmlWatchdog watchdog, String call, Callable<Integer> body, Nvml nvml) {
    NvmlWatchdog.Outcome<Integer> outcome = watchdog.run("start", body);
    if (outcome instanceof NvmlWatchdog.Outcome.Done<Integer> done) {
      return done.value();
    }
    if (outcome instanceof NvmlWatchdog.Outcome.Failed<Integer> failed) {
      throw new NvmlUnavailableException(call + " failed: " + failed.error(), failed.error());
    }
    throw new NvmlUnavailableException(
        call
            + " did not return within "
            + watchdog.timeout()
            + " (library "
            + nvml.location()
            + ")",
        null);
  }

  /** Handle and identity of GPU {@code index}, or empty (with a warning) when it cannot be had. */
  private static Optional<NvmlDevice> identify(
      Nvml nvml, NvmlWatchdog watchdog, int index, System.Logger log) {
    NvmlLibrary api = nvml.api();
    NvmlWatchdog.Outcome<NvmlDevice> outcome =
        watchdog.run(
            index,
            () -> {
              PointerByReference ref = new PointerByReference();
              int code = api.nvmlDeviceGetHandleByIndex_v2(index, ref);
              if (code != NvmlReturn.SUCCESS) {
                throw new NvmlException("nvmlDeviceGetHandleByIndex_v2(" + index + ")", code);
              }
              Pointer handle = ref.getValue();
              String uuid =
                  NvmlStrings.read(handle, NvmlStrings.UUID_BUFFER, api::nvmlDeviceGetUUID);
              NvmlStructs.PciInfo pci = new NvmlStructs.PciInfo();
              int pciCode = api.nvmlDeviceGetPciInfo_v3(handle, pci);
              if (uuid == null || pciCode != NvmlReturn.SUCCESS) {
                throw new NvmlException(
                    "nvmlDeviceGetUUID/nvmlDeviceGetPciInfo_v3(" + index + ")", pciCode);
              }
              String busId = Native.toString(pci.busId, "US-ASCII");
              String name =
                  nvml.has("nvmlDeviceGetName")
                      ? NvmlStrings.read(handle, NvmlStrings.NAME_BUFFER, api::nvmlDeviceGetName)
                      : null;
              IntByReference minor = new IntByReference();
              OptionalInt minorNumber =
                  nvml.has("nvmlDeviceGetMinorNumber")
                          && api.nvmlDeviceGetMinorNumber(handle, minor) == NvmlReturn.SUCCESS
                      ? OptionalInt.of(minor.getValue())
                      : OptionalInt.empty();
              return new NvmlDevice(
                  handle,
                  new GpuIdentity(index, uuid, busId, name == null ? "" : name, minorNumber));
            });
    if (outcome instanceof NvmlWatchdog.Outcome.Done<NvmlDevice> done) {
      return Optional.of(done.value());
    }
    String why =
        outcome instanceof NvmlWatchdog.Outcome.Failed<NvmlDevice> failed
            ? failed.error().getMessage()
            : "no answer within " + watchdog.timeout();
    log.log(System.Logger.Level.WARNING, "GPU {0} left out: {1}", index, why);
    return Optional.empty();
  }

  @Override
  public String name() {
    return "nvml";
  }

  /** The GPUs found at start, in index order. */
  public List<GpuIdentity> gpus() {
    return devices.stream().map(NvmlDevice::identity).toList();
  }

  /** For tests: the watchdog, to await a hung GPU's recovery. */
  NvmlWatchdog watchdog() {
    return watchdog;
  }

  @Override
  public synchronized List<GpuReading> read() {
    if (closed) {
      throw new IllegalStateException("NVML backend is closed");
    }
    Instant now = clock.instant();
    boolean listProcesses = !now.isBefore(nextProcessListing);
    if (listProcesses) {
      nextProcessListing = now.plus(processInterval);
    }
    List<NvmlWatchdog.Call<DeviceRead>> calls = new ArrayList<>(devices.size());
    for (NvmlDevice device : devices) {
      calls.add(new NvmlWatchdog.Call<>(device.index(), () -> readDevice(device, listProcesses)));
    }
    List<NvmlWatchdog.Outcome<DeviceRead>> outcomes = watchdog.runAll(calls);
    List<GpuReading> readings = new ArrayList<>(devices.size());
    for (int i = 0; i < devices.size(); i++) {
      readings.add(toReading(devices.get(i), outcomes.get(i)));
    }
    return readings;
  }

  /** What one GPU's read gives: its values, and its processes when they were listed. */
  private record DeviceRead(GpuReading.Builder reading, Optional<List<GpuProcess>> processes) {}

  private DeviceRead readDevice(NvmlDevice device, boolean listProcesses) {
    if (device.lost()) {
      throw new NvmlException(
          "GPU " + device.index() + " was lost earlier", NvmlReturn.GPU_IS_LOST);
    }
    try {
      GpuReading.Builder reading = reader.read(device);
      Optional<List<GpuProcess>> listed =
          listProcesses ? processReader.read(device) : Optional.empty();
      return new DeviceRead(reading, listed);
    } catch (NvmlException e) {
      if (e.gpuLost()) {
        device.markLost();
      }
      throw e;
    }
  }

  private GpuReading toReading(NvmlDevice device, NvmlWatchdog.Outcome<DeviceRead> outcome) {
    int index = device.index();
    if (outcome instanceof NvmlWatchdog.Outcome.Done<DeviceRead> done) {
      if (stale.remove(index) != null) {
        log.log(System.Logger.Level.INFO, "GPU {0} answers again", index);
      }
      DeviceRead read = done.value();
      read.processes().ifPresent(list -> processes.put(index, list));
      GpuReading.Builder reading = read.reading();
      List<GpuProcess> known = processes.get(index);
      if (known != null) {
        reading.gauge(GpuGauge.COMPUTE_PROCESSES, known.size());
      }
      if (xids.watches(index)) {
        reading.xidErrors(xids.counts(index));
        OptionalLong last = xids.last(index);
        last.ifPresent(xid -> reading.gauge(GpuGauge.LAST_XID, xid));
      }
      return reading.build();
    }
    processes.remove(index);
    if (stale.put(index, Boolean.TRUE) == null) {
      log.log(System.Logger.Level.WARNING, "GPU {0} is stale: {1}", index, describe(outcome));
    }
    return GpuReading.stale(device.identity());
  }

  private String describe(NvmlWatchdog.Outcome<DeviceRead> outcome) {
    if (outcome instanceof NvmlWatchdog.Outcome.Failed<DeviceRead> failed) {
      return failed.error().getMessage();
    }
    if (outcome instanceof NvmlWatchdog.Outcome.TimedOut) {
      return "an NVML call did not return within " + watchdog.timeout();
    }
    return "an earlier NVML call is still hung";
  }

  @Override
  public List<GpuProcess> lastProcesses() {
    List<GpuProcess> all = new ArrayList<>();
    for (NvmlDevice device : devices) {
      all.addAll(processes.getOrDefault(device.index(), List.of()));
    }
    return List.copyOf(all);
  }

  /** Stops the XID thread, then pairs the {@code nvmlInit_v2} with one {@code nvmlShutdown}. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    xids.close();
    watchdog.run(
        "stop",
        () -> {
          for (NvmlDevice device : devices) {
            device.freeGpm(nvml.api());
          }
          return nvml.api().nvmlShutdown();
        });
    watchdog.close();
  }
}
