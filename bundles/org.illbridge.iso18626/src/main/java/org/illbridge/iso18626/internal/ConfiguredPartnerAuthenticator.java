package org.illbridge.iso18626.internal;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.iso18626.PartnerAuthenticator;

/**
 * Deprecated: partner authentication from the endpoint's own {@code partners=} configuration
 * lines, consulted by {@link DirectoryPartnerAuthenticator} only for a sender the partner
 * directory does not know or whose directory entry has no check. One line per partner:
 *
 * <pre>ISIL:CA-AEU,OCLC:AEU|key=ualberta|addresses=192.0.2.0/24,2001:db8::1|basic=ill:SHA256HEX|secret=X-ILL-Secret:SHA256HEX|strict=true</pre>
 *
 * Every check given must pass and at least one must be given. Passwords and secrets are stored as
 * SHA-256 hex digests and compared in constant time. Senders not listed are refused.
 */
public final class ConfiguredPartnerAuthenticator implements PartnerAuthenticator {

  record Entry(Partner partner, List<byte[]> networks, List<Integer> prefixes, String basicUser, byte[] basicHash,
      String secretHeader, byte[] secretHash) {}

  private final Map<AgencyId, Entry> byAgency;

  private ConfiguredPartnerAuthenticator(Map<AgencyId, Entry> byAgency) {
    this.byAgency = byAgency;
  }

  /** Parses configuration lines; throws IllegalArgumentException naming the bad line. */
  public static ConfiguredPartnerAuthenticator parse(String[] lines) {
    Map<AgencyId, Entry> map = new HashMap<>();
    for (String line : lines) {
      if (line == null || line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\|");
      List<AgencyId> ids = new ArrayList<>();
      for (String id : parts[0].split(",")) {
        ids.add(AgencyId.parse(id.trim()));
      }
      String key = ids.get(0).toString();
      List<byte[]> nets = new ArrayList<>();
      List<Integer> prefixes = new ArrayList<>();
      String basicUser = null;
      byte[] basicHash = null;
      String secretHeader = null;
      byte[] secretHash = null;
      boolean strict = false;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim();
        int eq = p.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("partner line '" + line + "': '" + p + "' is not name=value");
        }
        String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = p.substring(eq + 1).trim();
        switch (name) {
          case "key" -> key = value;
          case "addresses" -> {
            for (String cidr : value.split(",")) {
              String[] c = cidr.trim().split("/");
              byte[] addr = literal(c[0], line);
              nets.add(addr);
              prefixes.add(c.length > 1 ? Integer.parseInt(c[1]) : addr.length * 8);
            }
          }
          case "basic" -> {
            int colon = value.indexOf(':');
            basicUser = value.substring(0, colon);
            basicHash = HexFormat.of().parseHex(value.substring(colon + 1));
          }
          case "secret" -> {
            int colon = value.indexOf(':');
            secretHeader = value.substring(0, colon);
            secretHash = HexFormat.of().parseHex(value.substring(colon + 1));
          }
          case "strict" -> strict = Boolean.parseBoolean(value);
          default -> throw new IllegalArgumentException("partner line '" + line + "': unknown setting " + name);
        }
      }
      if (nets.isEmpty() && basicUser == null && secretHeader == null) {
        throw new IllegalArgumentException("partner line '" + line + "' has no check (addresses, basic or secret)");
      }
      Partner partner = new Partner(key, key, ids, Protocol.ISO18626, null, null, 0, false, strict, true, true);
      Entry e = new Entry(partner, nets, prefixes, basicUser, basicHash, secretHeader, secretHash);
      for (AgencyId id : ids) {
        map.put(id, e);
      }
    }
    return new ConfiguredPartnerAuthenticator(Map.copyOf(map));
  }

  private static byte[] literal(String ip, String line) {
    // Only numeric literals: a host name here would mean a DNS lookup per configuration read.
    if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new IllegalArgumentException("partner line '" + line + "': " + ip + " is not an IP address");
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("partner line '" + line + "': " + ip + " is not an IP address", e);
    }
  }

  /** Whether a line names this agency. */
  boolean knows(AgencyId id) {
    return id != null && byAgency.containsKey(id);
  }

  @Override
  public Outcome authenticate(AgencyId sender, InetAddress remote, Function<String, String> header) {
    if (sender == null) {
      return Outcome.refuse("the message names no sending agency");
    }
    Entry e = byAgency.get(sender);
    if (e == null) {
      return Outcome.refuse("agency " + sender + " is not a configured partner");
    }
    if (!e.networks().isEmpty() && (remote == null || !inAnyNetwork(remote.getAddress(), e))) {
      return Outcome.refuse("address " + (remote == null ? "?" : remote.getHostAddress()) + " is not allowed for " + sender);
    }
    if (e.basicUser() != null && !basicMatches(header.apply("Authorization"), e)) {
      return Outcome.refuse("HTTP Basic credentials missing or wrong");
    }
    if (e.secretHeader() != null) {
      String secret = header.apply(e.secretHeader());
      if (secret == null || !MessageDigest.isEqual(sha256(secret), e.secretHash())) {
        return Outcome.refuse("shared secret header " + e.secretHeader() + " missing or wrong");
      }
    }
    return Outcome.accept(e.partner());
  }

  private static boolean inAnyNetwork(byte[] addr, Entry e) {
    for (int i = 0; i < e.networks().size(); i++) {
      byte[] net = e.networks().get(i);
      int prefix = e.prefixes().get(i);
      if (net.length == addr.length && samePrefix(net, addr, prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    BigInteger x = new BigInteger(1, a);
    BigInteger y = new BigInteger(1, b);
    int shift = a.length * 8 - bits;
    return x.shiftRight(shift).equals(y.shiftRight(shift));
  }

  private static boolean basicMatches(String authorization, Entry e) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException ex) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    boolean userOk = MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8),
        e.basicUser().getBytes(StandardCharsets.UTF_8));
    boolean passOk = MessageDigest.isEqual(sha256(decoded.substring(colon + 1)), e.basicHash());
    return userOk & passOk;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
