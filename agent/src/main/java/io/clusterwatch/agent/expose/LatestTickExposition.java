package io.clusterwatch.agent.expose;

import io.clusterwatch.agent.collect.Tick;
import io.clusterwatch.agent.collect.TickListener;

/**
 * The latest tick as {@code /metrics} serves it: rendered to text at most once per tick, on the
 * first scrape after it (a tick nobody scrapes costs nothing), and gzipped at most once per tick,
 * for the first scraper that asks. Every scrape of one tick gets the same bytes, so a scrape costs
 * a copy. A scrape never runs the collectors.
 */
public final class LatestTickExposition implements TickListener {
  private final TickTextWriter writer;
  private final FastestGzip gzipper = new FastestGzip();
  private volatile Tick latest;
  private Tick renderedTick;
  private Body rendered = new Body(new byte[0], gzipper);

  /** One tick's text; its gzip form made on first use. */
  public static final class Body {
    private final byte[] text;
    private final FastestGzip gzipper;
    private byte[] gzip;

    Body(byte[] text, FastestGzip gzipper) {
      this.text = text;
      this.gzipper = gzipper;
    }

    /** The text (the caller must not change it). */
    public byte[] text() {
      return text;
    }

    /** The text gzipped (the caller must not change it). */
    public synchronized byte[] gzip() {
      if (gzip == null) {
        gzip = gzipper.gzip(text);
      }
      return gzip;
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
      rendered = new Body(writer.render(tick), gzipper);
      renderedTick = tick;
    }
    return rendered;
  }
}
