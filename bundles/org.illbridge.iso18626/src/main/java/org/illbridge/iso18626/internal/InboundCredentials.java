package org.illbridge.iso18626.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks passwords and shared secrets a sender presents against the hashes the partner directory
 * stores ({@code InboundAuth}; source addresses are checked by {@code InboundAuth.allowsSource}). The directory holds hashes only, in the two forms the partners bundle and the
 * console write: SHA-256 as 64 hex digits, or {@code pbkdf2-sha<1|256|512>$<iterations>$<salt
 * Base64>$<hash Base64>} (the console's {@code PasswordHash} format). Every comparison of secret
 * material is constant-time ({@link MessageDigest#isEqual}).
 *
 * <p>Hand-written on the JDK (PBKDF2 and HMAC are in every JDK): the format is the console's own,
 * and a library (Spring Security crypto, Bouncy Castle) would add a large dependency for a few
 * lines. PBKDF2 at the console's 310,000 iterations costs a good fraction of a CPU-second, far too
 * much per inbound message, so a verdict is remembered for the pair (stored hash, presented
 * secret). The presented secret is not kept: the cache key is an HMAC of it under a random key
 * made at start, so the cache holds nothing that could be checked offline against a guess.
 */
final class InboundCredentials {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  /** Upper bound accepted when verifying, as the console's: a mistyped hash cannot stall. */
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final int CACHE_SIZE = 1024;

  private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();
  private final byte[] cacheKey = new byte[32];

  InboundCredentials() {
    new SecureRandom().nextBytes(cacheKey);
  }

  /** Whether the text is a hash this class can verify against. */
  static boolean isHash(String stored) {
    return stored != null && (SHA256_HEX.matcher(stored.trim()).matches() || pbkdf2(stored) != null);
  }

  /**
   * Whether {@code presented} is the secret {@code stored} is a hash of. False for a null or
   * empty secret and for a stored value that is not a hash (never throws for those).
   */
  boolean verify(String presented, String stored) {
    if (presented == null || presented.isEmpty() || stored == null) {
      return false;
    }
    String s = stored.trim();
    if (SHA256_HEX.matcher(s).matches()) {
      return MessageDigest.isEqual(sha256(presented), HexFormat.of().parseHex(s));
    }
    Pbkdf2 p = pbkdf2(s);
    if (p == null) {
      return false;
    }
    String key = s + '\u0000' + HexFormat.of().formatHex(hmac(presented));
    Boolean known = verdicts.get(key);
    if (known != null) {
      return known;
    }
    boolean ok = p.matches(presented);
    if (verdicts.size() >= CACHE_SIZE) {
      verdicts.clear(); // simple bound; the next messages of each partner fill it again
    }
    verdicts.put(key, ok);
    return ok;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private byte[] hmac(String s) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
      return mac.doFinal(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private record Pbkdf2(String algorithm, int iterations, byte[] salt, byte[] hash) {
    boolean matches(String presented) {
      char[] chars = presented.toCharArray();
      PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, hash.length * 8);
      try {
        byte[] derived = SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        boolean same = MessageDigest.isEqual(derived, hash);
        Arrays.fill(derived, (byte) 0);
        return same;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
      } finally {
        spec.clearPassword();
        Arrays.fill(chars, '\0');
      }
    }
  }

  private static Pbkdf2 pbkdf2(String stored) {
    String[] f = stored.trim().split("\\$", -1);
    if (f.length != 4) {
      return null;
    }
    String algorithm = switch (f[0].toLowerCase(Locale.ROOT)) {
      case "pbkdf2-sha1" -> "PBKDF2WithHmacSHA1";
      case "pbkdf2-sha256" -> "PBKDF2WithHmacSHA256";
      case "pbkdf2-sha512" -> "PBKDF2WithHmacSHA512";
      default -> null;
    };
    if (algorithm == null) {
      return null;
    }
    try {
      int iterations = Integer.parseInt(f[1]);
      byte[] salt = Base64.getDecoder().decode(f[2]);
      byte[] hash = Base64.getDecoder().decode(f[3]);
      if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length < 16
          || hash.length > 64) {
        return null;
      }
      return new Pbkdf2(algorithm, iterations, salt, hash);
    } catch (IllegalArgumentException e) { // NumberFormatException is one too
      return null;
    }
  }
}
