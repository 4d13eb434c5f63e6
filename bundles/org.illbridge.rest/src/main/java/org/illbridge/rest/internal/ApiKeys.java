package org.illbridge.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys the home system's clients present in {@code X-API-Key}. Only SHA-256 hashes are
 * configured ({@code label:hex}); a presented key is hashed and compared with every configured
 * hash in constant time, without stopping at the first match, so timing tells nothing about which
 * hashes exist. Keys are long random strings, so an unsalted fast hash is enough: there is nothing
 * to brute-force the way there is with passwords.
 */
final class ApiKeys {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
  private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9._-]{1,64}):([0-9a-fA-F]{64})");

  /** One configured key: who it is (for the audit log) and its hash. */
  record Entry(String label, byte[] hash) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses configured entries; malformed ones are logged (by position, never their content, which
   * may be a plain key pasted by mistake) and skipped.
   */
  static ApiKeys parse(String[] configured) {
    List<Entry> out = new ArrayList<>();
    // A .cfg file gives one string: entries may also be separated by commas or white space.
    List<String> all = new ArrayList<>();
    if (configured != null) {
      for (String c : configured) {
        if (c != null) {
          all.addAll(List.of(c.trim().split("[,\\s]+")));
        }
      }
    }
    {
      for (int i = 0; i < all.size(); i++) {
        String s = all.get(i).trim();
        var m = ENTRY.matcher(s);
        if (m.matches()) {
          out.add(new Entry(m.group(1), HexFormat.of().parseHex(m.group(2).toLowerCase(Locale.ROOT))));
        } else if (!s.isEmpty()) {
          LOG.warn("REST API: .apiKeys entry {} is ignored: expected <label>:<64 hex digits of the key's "
              + "SHA-256>, e.g. frontdesk:$(printf '%s' \"$KEY\" | sha256sum | cut -c1-64)", i + 1);
        }
      }
    }
    return new ApiKeys(out);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  /** The label of the key, or null when {@code presented} is not a configured key. */
  String authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 1024) {
      return null;
    }
    byte[] hash = sha256(presented.getBytes(StandardCharsets.UTF_8));
    String match = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(hash, e.hash()) && match == null) {
        match = e.label();
      }
    }
    return match;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The hex hash to configure for a key (used by tests and documented in the README). */
  static String hashOf(String key) {
    return HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
  }
}
