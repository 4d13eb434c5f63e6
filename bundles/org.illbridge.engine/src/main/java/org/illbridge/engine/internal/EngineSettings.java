package org.illbridge.engine.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's configuration as plain values (the DS component maps its typed configuration
 * onto this, tests build it directly).
 *
 * @param homePartnerKey partner key of the home ILL system: requests from ISO partners that name
 *     no known recipient are routed to it
 * @param defaultDaysToRespond used when a partner's own days-to-respond is not positive
 * @param statusQueryGrace how long a lender has to answer the status query sent when its
 *     days-to-respond elapsed, before the rota moves on
 * @param holdDelay how long a held outbox row waits before it is looked at again
 * @param dayLength how long one of the partners' days-to-respond lasts: one day in production;
 *     shorter only in tests and demos that must see the rota's timers fire on a real clock
 * @param loadLevellingDays load-levelling (seed 003): equal candidates of a rota are asked least
 *     loaded first, the load being the requests each was asked in this many recent days; 0 keeps
 *     the listed order
 */
public record EngineSettings(String homePartnerKey, int defaultDaysToRespond,
    Duration statusQueryGrace, Duration holdDelay, Duration dayLength, int loadLevellingDays) {

  /** Load-levelling window when none is given. */
  public static final int DEFAULT_LOAD_LEVELLING_DAYS = 30;

  /** A real day. */
  public static final Duration ONE_DAY = Duration.ofDays(1);

  public EngineSettings {
    Objects.requireNonNull(statusQueryGrace, "statusQueryGrace");
    Objects.requireNonNull(holdDelay, "holdDelay");
    Objects.requireNonNull(dayLength, "dayLength");
    if (dayLength.isNegative() || dayLength.isZero()) {
      throw new IllegalArgumentException("dayLength must be positive, got " + dayLength);
    }
    if (defaultDaysToRespond < 1) {
      throw new IllegalArgumentException("defaultDaysToRespond must be at least 1");
    }
    if (statusQueryGrace.isNegative() || holdDelay.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (loadLevellingDays < 0) {
      throw new IllegalArgumentException("loadLevellingDays must not be negative");
    }
  }

  /** With the default load-levelling window. */
  public EngineSettings(String homePartnerKey, int defaultDaysToRespond, Duration statusQueryGrace,
      Duration holdDelay, Duration dayLength) {
    this(homePartnerKey, defaultDaysToRespond, statusQueryGrace, holdDelay, dayLength,
        DEFAULT_LOAD_LEVELLING_DAYS);
  }

  /** These settings with another load-levelling window (0: off). */
  public EngineSettings withLoadLevellingDays(int days) {
    return new EngineSettings(homePartnerKey, defaultDaysToRespond, statusQueryGrace, holdDelay,
        dayLength, days);
  }

  /** With real days. */
  public EngineSettings(String homePartnerKey, int defaultDaysToRespond, Duration statusQueryGrace,
      Duration holdDelay) {
    this(homePartnerKey, defaultDaysToRespond, statusQueryGrace, holdDelay, ONE_DAY);
  }

  /**
   * Settings from the configuration's units: the status-query grace is given in hours, and an
   * hour is a 24th of {@code dayLength} (so with {@code PT24S} days, 24 hours of grace last 24 s).
   */
  public static EngineSettings of(String homePartnerKey, int defaultDaysToRespond,
      int statusQueryGraceHours, Duration holdDelay, Duration dayLength) {
    Duration grace = dayLength.multipliedBy(Math.max(0, statusQueryGraceHours)).dividedBy(24);
    return new EngineSettings(homePartnerKey, defaultDaysToRespond, grace, holdDelay, dayLength);
  }

  /**
   * Reads the {@code dayLength} setting: an ISO-8601 duration such as {@code P1D} or {@code PT5S}.
   *
   * @throws IllegalArgumentException naming the value when it is not a positive duration
   */
  public static Duration parseDayLength(String text) {
    if (text == null || text.isBlank()) {
      return ONE_DAY;
    }
    Duration d;
    try {
      d = Duration.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("dayLength '" + text
          + "' is not an ISO-8601 duration such as P1D or PT5S", e);
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("dayLength '" + text + "' must be positive");
    }
    return d;
  }

  /** {@code n} of the partners' days. */
  public Duration days(int n) {
    return dayLength.multipliedBy(n);
  }

  public static EngineSettings defaults() {
    return new EngineSettings("home", 7, Duration.ofHours(24), Duration.ofSeconds(10));
  }
}
