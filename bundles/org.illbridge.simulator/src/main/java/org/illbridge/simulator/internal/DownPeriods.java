package org.illbridge.simulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a simulated partner is unreachable, in milliseconds after it started. Written
 * {@code start-end} (e.g. {@code 5000-20000}); several periods are comma-separated.
 */
public final class DownPeriods {

  /** One period: down from {@code startMs} (inclusive) to {@code endMs} (exclusive). */
  public record Period(long startMs, long endMs) {
    public Period {
      if (startMs < 0 || endMs <= startMs) {
        throw new IllegalArgumentException("down period must be 0 <= start < end, got "
            + startMs + "-" + endMs);
      }
    }
  }

  public static final DownPeriods NONE = new DownPeriods(List.of());

  private final List<Period> periods;

  public DownPeriods(List<Period> periods) {
    List<Period> sorted = new ArrayList<>(periods);
    sorted.sort(Comparator.comparingLong(Period::startMs));
    this.periods = List.copyOf(sorted);
  }

  /**
   * Parses {@code start-end[,start-end...]} in milliseconds; null or blank means never down.
   *
   * @throws IllegalArgumentException naming the part that is not a period
   */
  public static DownPeriods parse(String[] parts) {
    if (parts == null) {
      return NONE;
    }
    List<Period> out = new ArrayList<>();
    for (String entry : parts) {
      if (entry == null) {
        continue;
      }
      for (String p : entry.split(",")) {
        String s = p.trim();
        if (s.isEmpty()) {
          continue;
        }
        int dash = s.indexOf('-');
        if (dash <= 0) {
          throw new IllegalArgumentException("down period '" + s + "' is not start-end in ms");
        }
        try {
          out.add(new Period(Long.parseLong(s.substring(0, dash).trim()),
              Long.parseLong(s.substring(dash + 1).trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("down period '" + s + "' is not start-end in ms", e);
        }
      }
    }
    return new DownPeriods(out);
  }

  public List<Period> periods() {
    return periods;
  }

  /** True when the partner is down {@code elapsedMs} after it started. */
  public boolean isDown(long elapsedMs) {
    return upAgainAt(elapsedMs) > elapsedMs;
  }

  /** The first instant at or after {@code elapsedMs} at which the partner is up. */
  public long upAgainAt(long elapsedMs) {
    long t = elapsedMs;
    for (Period p : periods) {
      if (t >= p.startMs() && t < p.endMs()) {
        t = p.endMs();
      }
    }
    return t;
  }
}
