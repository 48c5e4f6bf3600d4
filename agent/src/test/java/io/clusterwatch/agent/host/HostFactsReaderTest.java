package io.clusterwatch.agent.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsReaderTest {
  private static final System.Logger LOG = System.getLogger("test");

  @Test
  void readsIdentityAndAttributesUnderTheProcfsRoot(@TempDir Path root) throws Exception {
    Path proc = root.resolve("proc");
    Files.createDirectories(proc.resolve("sys/kernel/random"));
    Files.writeString(proc.resolve("sys/kernel/hostname"), "gpu-node-07\n");
    Files.writeString(
        proc.resolve("sys/kernel/random/boot_id"), "db4bbf93-d5ba-4c68-874a-565f4864cd8c\n");
    Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-18-amd64\n");
    Files.writeString(
        proc.resolve("cpuinfo"),
        String.join(
            "\n",
            "processor\t: 0",
            "vendor_id\t: AuthenticAMD",
            "model name\t: AMD EPYC 7763 64-Core Processor",
            "",
            "processor\t: 1",
            "vendor_id\t: AuthenticAMD",
            "model name\t: AMD EPYC 7763 64-Core Processor",
            ""));
    // First line of node_exporter's collector/fixtures/proc/meminfo.
    Files.writeString(
        proc.resolve("meminfo"), "MemTotal:        3742148 kB\nMemFree:          225472 kB\n");
    HostFacts facts = new HostFactsReader(new HostPaths(proc, root.resolve("sys")), LOG).read("");
    assertEquals("gpu-node-07", facts.hostname());
    assertEquals("db4bbf93-d5ba-4c68-874a-565f4864cd8c", facts.bootId());
    assertEquals(
        Map.of(
            "kernel",
            "6.1.0-18-amd64",
            "cpu_count",
            "2",
            "cpu_model",
            "AMD EPYC 7763 64-Core Processor",
            "memory_total_bytes",
            Long.toString(3742148L * 1024)),
        facts.attributes());
    assertEquals("gpu-node-07-db4bbf93-d5ba-4c68-874a-565f4864cd8c", facts.agentId(""));
    assertEquals("fixed", facts.agentId("fixed"));
  }

  @Test
  void missingFilesLeaveFactsOutAndTheConfiguredNameWins(@TempDir Path root) {
    HostFacts facts =
        new HostFactsReader(new HostPaths(root.resolve("proc"), root.resolve("sys")), LOG)
            .read("n01");
    assertEquals("n01", facts.hostname());
    assertEquals("", facts.bootId());
    assertEquals(Map.of(), facts.attributes());
    assertEquals("n01", facts.agentId(""));
    assertFalse(new HostFactsReader(new HostPaths(root, root), LOG).read("").hostname().isEmpty());
  }

  @Test
  void memTotalIsInKibibytes() {
    assertEquals(Optional.of(1024L), HostFactsReader.parseMemTotalBytes(List.of("MemTotal: 1 kB")));
    assertEquals(Optional.empty(), HostFactsReader.parseMemTotalBytes(List.of("MemFree: 1 kB")));
  }
}
