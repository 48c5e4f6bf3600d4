package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.collect.TickListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The latest tick as {@code /metrics} serves it: rendered to text at most once per tick, on the
 * first scrape after it (a tick nobody scrapes costs nothing), and gzipped at most once per tick,
 * for the first scraper that asks. Every scrape of one tick gets the same bytes, so a scrape costs
 * a copy. A scrape never runs the collectors.
 */
public final class LatestTickExposition implements TickListener {
  private final SnapshotMapper mapper;
  private final CachedTextWriter writer = new CachedTextWriter();
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
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
          z.write(text);
        } catch (IOException e) {
          throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        gzip = out.toByteArray();
      }
      return gzip;
    }
  }

  public LatestTickExposition(SnapshotMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void onTick(Tick tick) {
    latest = tick;
  }

  /** The latest tick's text; empty until the first tick. */
  public synchronized Body current() {
    Tick tick = latest;
    if (tick != null && tick != renderedTick) {
      rendered = new Body(writer.render(mapper.map(tick)));
      renderedTick = tick;
    }
    return rendered;
  }
}
