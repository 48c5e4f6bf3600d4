package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.collect.TickListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The latest tick as {@code /metrics} serves it: rendered to text at most once per tick, on the
 * first scrape after it (a tick nobody scrapes costs nothing), and gzipped at most once per tick,
 * for the first scraper that asks. Every scrape of one tick gets the same bytes, so a scrape costs
 * a copy. A scrape never runs the collectors.
 */
public final class LatestTickExposition implements TickListener {
  private final TickTextWriter writer;
  private volatile Tick latest;
  private Tick renderedTick;
  private Body rendered = new Body(new byte[0]);

  /** One tick's text; its gzip form made on first use. */
  public static final class Body {
    private final byte[] text;
    private byte[] gzip;

    Body(byte[] text) {
      this.text = text;
    }

    /** The text (the caller must not change it). */
    public byte[] text() {
      return text;
    }

    /** The text gzipped (the caller must not change it). */
    public synchronized byte[] gzip() {
      if (gzip == null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 4 + 64);
        try (GZIPOutputStream z = new FastestGzip(out)) {
          z.write(text);
        } catch (IOException e) {
          throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        gzip = out.toByteArray();
      }
      return gzip;
    }
  }

  /**
   * Gzip at zlib's fastest level: on the agent's 37 KB text (393 series) 135 to 167 us per tick
   * instead of 550 to 660 us at the default level 6, for 6.3 KB instead of 5.3 KB
   * (docs/benchmarks/agent-footprint.md). A scrape is made once a tick, usually over a LAN.
   */
  private static final class FastestGzip extends GZIPOutputStream {
    FastestGzip(OutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  public LatestTickExposition(TickTextWriter writer) {
    this.writer = writer;
  }

  @Override
  public void onTick(Tick tick) {
    latest = tick;
  }

  /** The latest tick's text; empty until the first tick. */
  public synchronized Body current() {
    Tick tick = latest;
    if (tick != null && tick != renderedTick) {
      rendered = new Body(writer.render(tick));
      renderedTick = tick;
    }
    return rendered;
  }
}
