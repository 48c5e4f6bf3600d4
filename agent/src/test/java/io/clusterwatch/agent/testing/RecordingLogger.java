package io.clusterwatch.agent.testing;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/** A {@link System.Logger} that keeps every line it is given, for tests that count log lines. */
public final class RecordingLogger implements System.Logger {
  /** One logged line. */
  public record Line(Level level, String message) {}

  private final List<Line> lines = new ArrayList<>();

  @Override
  public String getName() {
    return "recording";
  }

  @Override
  public boolean isLoggable(Level level) {
    return true;
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    lines.add(new Line(level, msg));
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    lines.add(new Line(level, params == null ? format : MessageFormat.format(format, params)));
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }
}
