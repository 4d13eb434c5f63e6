package org.illbridge.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies console passwords in a self-describing text format:
 *
 * <pre>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt, Base64&gt;$&lt;hash, Base64&gt;</pre>
 *
 * <p>PBKDF2 with HMAC-SHA256 comes with every JDK, so this class needs nothing beyond the JDK: the
 * launcher puts this bundle's jar on its class path and calls it from its {@code passwd} command,
 * and the console's security provider verifies with it. The iteration count is stored with each
 * hash, so raising {@link #ITERATIONS} later keeps existing hashes valid.
 *
 * <p>The format is also safe in a {@code conf/*.cfg} file: it holds no {@code $&#123;}, backslash
 * or whitespace.
 */
public final class PasswordHash {

  /** Configuration PID of the console login; FileInstall reads it from {@link #CONFIG_FILE}. */
  public static final String CONFIG_PID = "org.illbridge.console.security";

  /** The file under {@code ${illbridge.home}/conf} that holds the hash. */
  public static final String CONFIG_FILE = CONFIG_PID + ".cfg";

  /** The property of {@link #CONFIG_PID} that holds the hash (the user is {@code admin.user}). */
  public static final String CONFIG_PROPERTY = "admin.password.hash";

  /** Prefix naming the algorithm; the first field of the stored form. */
  public static final String SCHEME = "pbkdf2-sha256";

  /** Iterations for new hashes (OWASP's 2021 recommendation for PBKDF2-HMAC-SHA256). */
  public static final int ITERATIONS = 310_000;

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  /** Upper bound accepted when verifying, so a mistyped hash cannot stall a login for minutes. */
  private static final int MAX_ITERATIONS = 10_000_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /**
   * Hashes a password with a fresh random salt.
   *
   * @param password the password; not changed by this method (the caller may wipe it afterwards)
   * @return the stored form, {@code pbkdf2-sha256$310000$<salt>$<hash>}
   * @throws IllegalArgumentException if the password is null or empty
   */
  public static String hash(char[] password) {
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("password must not be empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] derived = derive(password, salt, ITERATIONS, HASH_BITS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return SCHEME + '$' + ITERATIONS + '$' + b64.encodeToString(salt) + '$' + b64.encodeToString(derived);
  }

  /**
   * Checks a password against a stored hash, comparing in constant time.
   *
   * @return {@code true} only if {@code stored} is well formed and matches; {@code false} for a
   *     wrong password and for a null, empty or malformed stored value (never throws for those)
   */
  public static boolean verify(char[] password, String stored) {
    if (password == null || password.length == 0) {
      return false; // hash() never accepts an empty password, so nothing can match it
    }
    Parsed parsed = parse(stored);
    if (parsed == null) {
      return false;
    }
    byte[] derived = derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
    boolean same = MessageDigest.isEqual(derived, parsed.hash);
    Arrays.fill(derived, (byte) 0);
    return same;
  }

  /**
   * Tells whether a value has the stored form this class produces (it says nothing about which
   * password it was made from). Use it to give an administrator a clear error for a mistyped
   * {@code admin.password.hash} setting.
   */
  public static boolean isWellFormed(String stored) {
    return parse(stored) != null;
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String stored) {
    if (stored == null) {
      return null;
    }
    String[] fields = stored.trim().split("\\$", -1);
    if (fields.length != 4 || !SCHEME.equals(fields[0])) {
      return null;
    }
    try {
      int iterations = Integer.parseInt(fields[1]);
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] salt = b64.decode(fields[2]);
      byte[] hash = b64.decode(fields[3]);
      if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length < 8 || hash.length < 16
          || hash.length > 64) {
        return null;
      }
      return new Parsed(iterations, salt, hash);
    } catch (IllegalArgumentException e) { // NumberFormatException is one too
      return null;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      // Every Java 8+ runtime must provide PBKDF2WithHmacSHA256; reaching this is a broken JDK.
      throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
