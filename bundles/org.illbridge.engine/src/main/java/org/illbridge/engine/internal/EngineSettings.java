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
 */
public record EngineSettings(
    String homePartnerKey, int defaultDaysToRespond, Duration statusQueryGrace, Duration holdDelay) {

  public EngineSettings {
    Objects.requireNonNull(statusQueryGrace, "statusQueryGrace");
    Objects.requireNonNull(holdDelay, "holdDelay");
    if (defaultDaysToRespond < 1) {
      throw new IllegalArgumentException("defaultDaysToRespond must be at least 1");
    }
    if (statusQueryGrace.isNegative() || holdDelay.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  public static EngineSettings defaults() {
    return new EngineSettings("home", 7, Duration.ofHours(24), Duration.ofSeconds(10));
  }
}
