package io.clusterwatch.agent.infiniband;

import io.clusterwatch.agent.host.AttributeBuffer;
import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.agent.host.SysfsFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code <sysfs>/class/infiniband} into {@link IbDeviceFiles}: I/O only, no parsing. Counter
 * files are read only when they are known ({@link IbCounterNames}), because each read of a {@code
 * counters/} file sends a MAD to the adapter; {@code hw_counters/} files are all read (the kernel
 * serves them from a cache). A counter file the kernel refuses to read (EACCES, EINVAL, EOPNOTSUPP)
 * is left out, as node_exporter does.
 *
 * <p>A device's files are opened once and read again with one {@code pread} each at every
 * collection ({@link OpenIbDevice}): opening, reading and closing each file every second (75 on
 * node_exporter's fixture tree of two adapters) was most of the agent's collection time. The device
 * list is read at every collection. A device's files are opened anew by path when
 *
 * <ul>
 *   <li>its directory is another one than when they were opened (a device registered again under
 *       the same name, checked by one {@code stat} of the directory a collection),
 *   <li>reading one fails ({@code ENODEV} once the device is gone) other than by bad text,
 *   <li>or every {@value #REOPEN_EVERY} collections: sysfs never replaces a file, adds a counter to
 *       a registered port or changes a file's permissions without the device registering again, but
 *       a tree that is not sysfs (test fixtures) may, and a counter refused at open is retried.
 * </ul>
 *
 * <p>Holds one descriptor per file read, closed by {@link #close}: 75 on node_exporter's fixture
 * tree, up to 54 per mlx5 port (the procfs fixture's: 4 attributes, 21 {@code counters}, 25 {@code
 * hw_counters}) plus 3 per device.
 */
final class InfinibandReader implements Closeable {
  /** Collections between two openings of every file by path, see the class comment. */
  static final int REOPEN_EVERY = 60;

  private final Path classDir;
  private final AttributeBuffer buffer = new AttributeBuffer();
  private final Map<String, OpenIbDevice> open = new HashMap<>();
  private int collectionsSinceReopen;
  private boolean closed;

  InfinibandReader(Path classDir) {
    this.classDir = classDir;
  }

  synchronized List<IbDeviceFiles> read() throws IOException {
    if (closed) {
      return List.of();
    }
    boolean reopen = ++collectionsSinceReopen >= REOPEN_EVERY;
    if (reopen) {
      collectionsSinceReopen = 0;
    }
    List<String> names = SysfsFiles.list(classDir);
    closeGone(names);
    List<IbDeviceFiles> devices = new ArrayList<>(names.size());
    for (String name : names) {
      devices.add(readDevice(name, reopen));
    }
    return devices;
  }

  /** How many files are held open now, over all devices. */
  synchronized int openFiles() {
    int files = 0;
    for (OpenIbDevice device : open.values()) {
      files += device.openFiles();
    }
    return files;
  }

  private IbDeviceFiles readDevice(String name, boolean reopen) throws IOException {
    Path dir = classDir.resolve(name);
    Object identity = identity(dir);
    OpenIbDevice device = open.get(name);
    if (device != null && !reopen && Objects.equals(device.identity(), identity)) {
      try {
        return device.read(buffer);
      } catch (HostFileFormatException e) {
        throw e; // the text is wrong, not the descriptor: opening it again reads the same
      } catch (IOException e) {
        // The device went away (ENODEV) or its files did: read it by path once more below.
      }
    }
    if (device != null) {
      open.remove(name);
      device.close();
    }
    device = OpenIbDevice.open(dir, name, identity);
    open.put(name, device);
    return device.read(buffer);
  }

  /** The device directory's file key (device and inode); null when it has none or is gone. */
  private static Object identity(Path dir) throws IOException {
    try {
      return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void closeGone(List<String> names) {
    if (open.isEmpty()) {
      return;
    }
    HashSet<String> listed = new HashSet<>(names);
    for (Iterator<Map.Entry<String, OpenIbDevice>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, OpenIbDevice> entry = it.next();
      if (!listed.contains(entry.getKey())) {
        entry.getValue().close();
        it.remove();
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (OpenIbDevice device : open.values()) {
      device.close();
    }
    open.clear();
  }
}
