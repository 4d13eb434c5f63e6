package org.illbridge.simulator.internal;

import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * How a simulated partner behaves, scriptable and deterministic: every random decision about a
 * message is drawn from a generator seeded by {@code seed} and the decision's own key (transaction
 * id plus what is decided), so the outcome for a given transaction does not depend on the order
 * or timing in which messages arrive.
 *
 * @param fillRate share of requests filled, 0..1
 * @param answerDelayMs delay before each answer is sent
 * @param lostRate share of outgoing messages silently never sent, 0..1
 * @param malformedRate share of outgoing messages sent as bytes the peer's codec must reject, 0..1
 * @param downPeriods when the partner is unreachable
 * @param seed seed of every decision
 * @param lostMessages names of outgoing messages that are always lost, whatever the lost rate
 *     (e.g. {@code SHIPPED}: a lender whose Shipped never arrives); the journal's names without
 *     any {@code #suffix}, compared ignoring case
 */
public record Behaviour(double fillRate, long answerDelayMs, double lostRate, double malformedRate,
    DownPeriods downPeriods, long seed, Set<String> lostMessages) {

  public Behaviour {
    checkRate("fill rate", fillRate);
    checkRate("lost-message rate", lostRate);
    checkRate("malformed-reply rate", malformedRate);
    if (answerDelayMs < 0) {
      throw new IllegalArgumentException("answer delay must be >= 0 ms, got " + answerDelayMs);
    }
    downPeriods = downPeriods == null ? DownPeriods.NONE : downPeriods;
    lostMessages = normalise(lostMessages);
  }

  public Behaviour(double fillRate, long answerDelayMs, double lostRate, double malformedRate,
      DownPeriods downPeriods, long seed) {
    this(fillRate, answerDelayMs, lostRate, malformedRate, downPeriods, seed, Set.of());
  }

  /** Fills everything, answers at once, never loses or garbles anything. */
  public static Behaviour reliable(long seed) {
    return new Behaviour(1.0, 0, 0, 0, DownPeriods.NONE, seed);
  }

  public Behaviour withFillRate(double r) {
    return new Behaviour(r, answerDelayMs, lostRate, malformedRate, downPeriods, seed, lostMessages);
  }

  public Behaviour withDelay(long ms) {
    return new Behaviour(fillRate, ms, lostRate, malformedRate, downPeriods, seed, lostMessages);
  }

  public Behaviour withLostRate(double r) {
    return new Behaviour(fillRate, answerDelayMs, r, malformedRate, downPeriods, seed, lostMessages);
  }

  public Behaviour withMalformedRate(double r) {
    return new Behaviour(fillRate, answerDelayMs, lostRate, r, downPeriods, seed, lostMessages);
  }

  public Behaviour withDownPeriods(DownPeriods d) {
    return new Behaviour(fillRate, answerDelayMs, lostRate, malformedRate, d, seed, lostMessages);
  }

  /** Always loses the outgoing messages named (e.g. {@code SHIPPED}), whatever the lost rate. */
  public Behaviour withLostMessages(Set<String> names) {
    return new Behaviour(fillRate, answerDelayMs, lostRate, malformedRate, downPeriods, seed, names);
  }

  /** Will the request of transaction {@code txKey} be filled? */
  public boolean fills(String txKey) {
    return chance(txKey + "#fill") < fillRate;
  }

  /** Is the outgoing message {@code what} of transaction {@code txKey} lost? */
  public boolean loses(String txKey, String what) {
    if (!lostMessages.isEmpty() && what != null) {
      int hash = what.indexOf('#');
      String base = hash < 0 ? what : what.substring(0, hash);
      if (lostMessages.contains(base.toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return lostRate > 0 && chance(txKey + "#lost#" + what) < lostRate;
  }

  /** Is the outgoing message {@code what} of transaction {@code txKey} sent malformed? */
  public boolean garbles(String txKey, String what) {
    return malformedRate > 0 && chance(txKey + "#malformed#" + what) < malformedRate;
  }

  /** A uniform number in [0, 1) fixed by the seed and the key. */
  double chance(String key) {
    // String.hashCode is specified by the JLS, so this is stable across JVMs and runs.
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key.hashCode()).nextDouble();
  }

  private static Set<String> normalise(Set<String> names) {
    if (names == null || names.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      String t = n == null ? "" : n.trim().toUpperCase(Locale.ROOT);
      if (t.isEmpty() || !t.matches("[A-Z_]+")) {
        throw new IllegalArgumentException("lost message name must be a message name such as"
            + " SHIPPED or ILL_ANSWER_WILL_SUPPLY, got '" + n + "'");
      }
      out.add(t);
    }
    return Set.copyOf(out);
  }

  private static void checkRate(String what, double r) {
    if (!(r >= 0 && r <= 1)) {
      throw new IllegalArgumentException(what + " must be between 0 and 1, got " + r);
    }
  }
}
