package org.illbridge.load;

import java.util.Arrays;

/**
 * Latency samples of one kind, in nanoseconds; exact percentiles from the sorted samples (the
 * runs are bounded, so every sample is kept; no histogram library needed).
 */
final class Latencies {

  /** Summary in milliseconds. */
  record Summary(String name, int count, double p50, double p90, double p99, double max, double mean) {}

  private final String name;
  private long[] samples = new long[1024];
  private int count;

  Latencies(String name) {
    this.name = name;
  }

  synchronized void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  synchronized int count() {
    return count;
  }

  synchronized Summary summary() {
    long[] s = Arrays.copyOf(samples, count);
    Arrays.sort(s);
    double sum = 0;
    for (long v : s) {
      sum += v;
    }
    return new Summary(name, count, ms(percentile(s, 50)), ms(percentile(s, 90)),
        ms(percentile(s, 99)), ms(count == 0 ? 0 : s[count - 1]), count == 0 ? 0 : ms(sum / count));
  }

  /** Nearest-rank percentile of sorted values (0 when empty). */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(double nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
