package org.illbridge.console.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Brute-force brake: after {@code maxFailures} failed logins from one client address within
 * {@code window}, that address is refused (even with the right password) until the window has
 * passed again. Hand-written because it is a few lines over a concurrent map; a rate-limiting
 * library would be a new runtime bundle for this alone.
 *
 * <p>Behind a reverse proxy every client has the proxy's address: they then share one counter,
 * which errs on the safe side.
 */
final class LoginThrottle {

  /** Above this many tracked addresses, stale entries are dropped so memory stays bounded. */
  private static final int PRUNE_ABOVE = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentMap<String, Failures> byClient = new ConcurrentHashMap<>();

  private record Failures(Instant firstFailure, int count, Instant lockedUntil) {}

  LoginThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How much longer the client is locked out; {@link Duration#ZERO} when it may try. */
  Duration lockedFor(String client) {
    Failures failures = byClient.get(client);
    if (failures == null || failures.lockedUntil() == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), failures.lockedUntil());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /**
   * Counts one failed login.
   *
   * @return {@code true} if this failure started a lockout (log it once)
   */
  boolean recordFailure(String client) {
    Instant now = clock.instant();
    if (byClient.size() > PRUNE_ABOVE) {
      byClient.values().removeIf(f -> isStale(f, now));
    }
    Failures updated = byClient.compute(client, (key, old) -> {
      if (old == null || isStale(old, now)) {
        return new Failures(now, 1, maxFailures <= 1 ? now.plus(window) : null);
      }
      int count = old.count() + 1;
      Instant lockedUntil =
          old.lockedUntil() != null ? old.lockedUntil() : count >= maxFailures ? now.plus(window) : null;
      return new Failures(old.firstFailure(), count, lockedUntil);
    });
    return updated.count() == maxFailures;
  }

  /** A successful login clears the client's count. */
  void recordSuccess(String client) {
    byClient.remove(client);
  }

  private boolean isStale(Failures failures, Instant now) {
    if (failures.lockedUntil() != null) {
      return !now.isBefore(failures.lockedUntil());
    }
    return !now.isBefore(failures.firstFailure().plus(window));
  }
}
