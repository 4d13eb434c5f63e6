package org.illbridge.engine.internal;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bridge keys and per-attempt requester transaction ids. Each lender of a rota gets a fresh id,
 * {@code <bridge key>-<attempt>}, because Relais ignores a request number it has seen before
 * (seed 000); the bridge key prefix lets a late answer from an earlier lender be matched.
 */
public final class TransactionIds {
  // Crockford base 32 without I, L, O, U: unambiguous when read over the phone.
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final Pattern ATTEMPT = Pattern.compile("^(IB[0-9A-Z]{10})-(\\d{1,4})$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TransactionIds() {}

  /** A new bridge key, {@code IB} + 10 random characters (50 bits). */
  public static String newBridgeKey() {
    char[] out = new char[12];
    out[0] = 'I';
    out[1] = 'B';
    for (int i = 2; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /** The requester transaction id used towards the lender at rota position {@code position}. */
  public static String attemptId(String bridgeKey, int position) {
    return bridgeKey + "-" + (position + 1);
  }

  /** The bridge key and rota position encoded in an attempt id, or null. */
  public static Attempt parseAttempt(String id) {
    if (id == null) {
      return null;
    }
    Matcher m = ATTEMPT.matcher(id.trim().toUpperCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    return new Attempt(m.group(1), Integer.parseInt(m.group(2)) - 1);
  }

  /** A parsed attempt id. */
  public record Attempt(String bridgeKey, int position) {}
}
