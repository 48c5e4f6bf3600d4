package io.clusterwatch.hub.store;

/**
 * Adds up a series' points as a tier reads them, without an array of points: what {@link
 * WindowSums#of} computes from a query's answer. A point's average is the mean of its slots'
 * non-NaN averages, as {@link PointsBuilder} makes it; a point is done when the next one starts.
 */
final class WindowSummer implements PointSink {
  private final long firstGroup;
  private final long stepMs;
  private final long fromMs;

  private int current = -1;
  private double pointSum;
  private int pointValues;

  private int points;
  private double sum;
  private int pointsAfterStart;
  private double areaAfterStart;

  /**
   * @param firstGroup the first point's group: point {@code i} starts at {@code (firstGroup + i) *
   *     stepMs}
   * @param stepMs time one point covers
   * @param fromMs the window's start
   */
  WindowSummer(long firstGroup, long stepMs, long fromMs) {
    this.firstGroup = firstGroup;
    this.stepMs = stepMs;
    this.fromMs = fromMs;
  }

  @Override
  public void add(int point, double min, double avg, double max) {
    if (point != current) {
      finishPoint();
      current = point;
    }
    if (!Double.isNaN(avg)) {
      pointSum = pointValues == 0 ? avg : pointSum + avg;
      pointValues++;
    }
  }

  private void finishPoint() {
    if (pointValues > 0) {
      double avg = pointValues > 1 ? pointSum / pointValues : pointSum;
      points++;
      sum += avg;
      if (startsAfterWindow(firstGroup + current)) {
        pointsAfterStart++;
        areaAfterStart += avg * stepMs / 1000.0;
      }
    }
    pointSum = 0;
    pointValues = 0;
  }

  /**
   * Adds {@code values} points of a point per slot, all after the window's start, that add up to
   * {@code valuesSum}: a whole sub-chunk's sums.
   */
  void addValues(int values, double valuesSum) {
    finishPoint();
    current = -1;
    points += values;
    sum += valuesSum;
    pointsAfterStart += values;
    areaAfterStart += valuesSum * stepMs / 1000.0;
  }

  /** Whether the point of {@code group} starts after the window's start. */
  boolean startsAfterWindow(long group) {
    return group * stepMs > fromMs;
  }

  WindowSums result() {
    finishPoint();
    current = -1;
    return new WindowSums(points, sum, pointsAfterStart, areaAfterStart);
  }
}
