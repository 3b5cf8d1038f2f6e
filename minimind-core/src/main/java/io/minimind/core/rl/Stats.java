package io.minimind.core.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/** Means and standard deviations for logging, and metric averaging over micro-batches. */
final class Stats {
  private final Map<String, Double> sums = new LinkedHashMap<>();
  private int count;

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** Population standard deviation. */
  static double std(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / x.length);
  }

  /** Adds one micro-batch's metrics. */
  void add(Map<String, Double> metrics) {
    metrics.forEach((k, v) -> sums.merge(k, v, Double::sum));
    count++;
  }

  /** Each metric's mean over the micro-batches added; time metrics ({@code *_s}) are summed. */
  Map<String, Double> means() {
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((k, v) -> out.put(k, k.endsWith("_s") ? v : v / Math.max(count, 1)));
    return out;
  }
}
