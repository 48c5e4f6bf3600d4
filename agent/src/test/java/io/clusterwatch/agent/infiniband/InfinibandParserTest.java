package io.clusterwatch.agent.infiniband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clusterwatch.agent.host.HostFileFormatException;
import io.clusterwatch.protocol.Labels;
import io.clusterwatch.protocol.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InfinibandParserTest {
  @ParameterizedTest
  @CsvSource({
    "'4: ACTIVE', 4",
    "'1: DOWN', 1",
    "'5: LinkUp', 5",
    "'3: Disabled', 3",
  })
  void stateIds(String text, long id) throws Exception {
    assertEquals(id, InfinibandParser.stateId(text, "state"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACTIVE", ": ACTIVE", "x: ACTIVE", ""})
  void badStateNamesFile(String text) {
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class, () -> InfinibandParser.stateId(text, "/sys/x/state"));
    assertTrue(e.getMessage().startsWith("/sys/x/state: "), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "'40 Gb/sec (4X QDR)', 5e9",
    "'100 Gb/sec (4X EDR)', 1.25e10",
    "'25 Gb/sec (1X EDR)', 3.125e9",
    "'10 Gb/sec (4X)', 1.25e9",
    "'2.5 Gb/sec (1X SDR)', 3.125e8",
    "'56 Gb/sec (4X FDR)', 7e9",
  })
  void ratesInBytesPerSecond(String text, double bytesPerSecond) throws Exception {
    assertEquals(bytesPerSecond, InfinibandParser.rateBytesPerSecond(text, "rate"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"40 Mb/sec (4X QDR)", "fast", "x Gb/sec (4X)"})
  void badRatesNameFile(String text) {
    assertThrows(
        HostFileFormatException.class,
        () -> InfinibandParser.rateBytesPerSecond(text, "/sys/rate"));
  }

  @Test
  void counterValues() throws Exception {
    assertEquals(OptionalLong.empty(), InfinibandParser.counter("N/A (no PMA)", "c"));
    assertEquals(OptionalLong.of(4294967295L), InfinibandParser.counter("4294967295", "c"));
    assertEquals(OptionalLong.of(2880761508848L), InfinibandParser.counter("2880761508848", "c"));
    HostFileFormatException e =
        assertThrows(
            HostFileFormatException.class, () -> InfinibandParser.counter("12 apples", "/sys/c"));
    assertTrue(e.getMessage().startsWith("/sys/c: "), e.getMessage());
  }

  @Test
  void missingMandatoryPortFileNamesIt() {
    IbPortFiles port =
        new IbPortFiles(
            Path.of("/sys/class/infiniband/mlx5_0/ports/1"),
            "1",
            Optional.of("4: ACTIVE"),
            Optional.of("5: LinkUp"),
            Optional.empty(),
            Optional.of("InfiniBand"),
            Map.of(),
            Map.of(),
            Map.of());
    IbDeviceFiles device =
        new IbDeviceFiles(
            Path.of("/sys/class/infiniband/mlx5_0"),
            "mlx5_0",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(port));
    HostFileFormatException e =
        assertThrows(HostFileFormatException.class, () -> InfinibandParser.samples(device));
    assertTrue(
        e.getMessage().startsWith("/sys/class/infiniband/mlx5_0/ports/1/rate"), e.getMessage());
  }

  @Test
  void hwCountersKnownUnknownAndNotCounters() throws Exception {
    IbPortFiles port =
        new IbPortFiles(
            Path.of("/sys/class/infiniband/bnxt_re0/ports/1"),
            "1",
            Optional.of("4: ACTIVE"),
            Optional.of("5: LinkUp"),
            Optional.of("100 Gb/sec (4X EDR)"),
            Optional.of("Ethernet"),
            Map.of(),
            Map.of(),
            Map.of(
                "out_of_buffer", "7", "tx_roce_pkts", "12", "lifespan", "10", "active_qps", "3"));
    IbDeviceFiles device =
        new IbDeviceFiles(
            Path.of("/x"),
            "bnxt_re0",
            Optional.of(""),
            Optional.of("1.0"),
            Optional.empty(),
            List.of(port));
    List<Sample> samples = InfinibandParser.samples(device);
    Labels dp = Labels.of("device", "bnxt_re0", "port", "1");
    assertTrue(samples.contains(Sample.counter("infiniband_out_of_buffer_drops_total", dp, 7)));
    assertTrue(
        samples.contains(
            Sample.counter("infiniband_hw_counter_total", dp.with("counter", "tx_roce_pkts"), 12)));
    assertTrue(
        samples.stream()
            .noneMatch(
                s ->
                    "lifespan".equals(s.labels().get("counter"))
                        || "active_qps".equals(s.labels().get("counter"))));
    // empty board_id is left out, as Prometheus treats an empty label as none
    assertTrue(
        samples.contains(
            Sample.gauge(
                "infiniband_info",
                Labels.of("device", "bnxt_re0", "firmware_version", "1.0"),
                1.0)));
    assertTrue(
        samples.contains(
            Sample.gauge("infiniband_port_info", dp.with("link_layer", "Ethernet"), 1.0)));
  }
}
