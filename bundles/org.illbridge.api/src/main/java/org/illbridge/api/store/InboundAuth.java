package org.illbridge.api.store;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a partner proves who it is when it sends to the bridge. Secrets are never stored in clear:
 * only hashes (for example PBKDF2 or bcrypt strings made by the console), which the transports
 * verify.
 *
 * @param allowedSources source addresses or CIDR ranges messages may come from; empty means any
 * @param basicAuthUser user name for HTTP basic authentication, or null
 * @param passwordHash hash of the basic-auth password, or null
 * @param sharedSecretHash hash of a shared secret (ISO 10161 authentication field, tokens), or
 *     null
 */
public record InboundAuth(
    List<String> allowedSources, String basicAuthUser, String passwordHash, String sharedSecretHash) {

  public static final InboundAuth NONE = new InboundAuth(List.of(), null, null, null);

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  public InboundAuth {
    allowedSources = allowedSources == null ? List.of() : List.copyOf(allowedSources);
  }

  /**
   * Whether {@code remote} lies in one of the {@link #allowedSources} (IP literals or CIDR
   * ranges, IPv4 or IPv6). False for a null address and when the list is empty: callers decide
   * what "no allow-list" means. An entry that is not a literal (a host name would mean a DNS
   * lookup per message) never matches.
   *
   * @since 1.3.0
   */
  public boolean allowsSource(InetAddress remote) {
    if (remote == null) {
      return false;
    }
    byte[] addr = remote.getAddress();
    for (String source : allowedSources) {
      String[] parts = source.trim().split("/", -1);
      if (parts.length > 2 || !IP_LITERAL.matcher(parts[0]).matches()) {
        continue;
      }
      byte[] net;
      int prefix;
      try {
        net = InetAddress.getByName(parts[0]).getAddress(); // a literal: no lookup
        prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
      } catch (UnknownHostException | NumberFormatException e) {
        continue;
      }
      if (net.length == addr.length && prefix >= 0 && prefix <= net.length * 8) {
        int shift = net.length * 8 - prefix;
        if (new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, addr).shiftRight(shift))) {
          return true;
        }
      }
    }
    return false;
  }
}
