package io.clusterwatch.agent.jobs.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpoolFileParserTest {
  @Test
  void parsesWhatTheScriptsWriteAndIgnoresUnknownKeys() {
    SpoolRecord r =
        SpoolFileParser.parse(
            "9.job",
            "event=ended\njob_id=9\nsluid=s5K1KKYAYG5D00\nuser=alice\nuid=1000\naccount=\npartition=gpu\n"
                + "gpus=0,1\ncuda_visible_devices=0,1\nexit_code=0:0\ntime=1795000000\nfuture_key=x=y\n");
    assertEquals(
        new SpoolRecord(
            "ended", "9", "s5K1KKYAYG5D00", "alice", "1000", "", "gpu", "0,1", "0,1", 1795000000L),
        r);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "job_id=9|spool file f.job: event must be started or ended, got ''",
        "event=begun\\njob_id=9|spool file f.job: event must be started or ended, got 'begun'",
        "event=started|spool file f.job: job_id must be a number, got ''",
        "event=started\\njob_id=9;x|spool file f.job: job_id must be a number, got '9;x'",
        "event=started\\njob_id=9\\ntime=soon|spool file f.job: time must be epoch seconds, got 'soon'",
        "event=started\\ngarbage|spool file f.job line 2: expected key=value, got 'garbage'",
      })
  void badFilesAreNamed(String content, String message) {
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> SpoolFileParser.parse("f.job", content.replace("\\n", "\n")))
            .getMessage());
  }
}
