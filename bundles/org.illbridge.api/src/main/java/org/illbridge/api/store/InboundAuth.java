package org.illbridge.api.store;

import java.util.List;

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

  public InboundAuth {
    allowedSources = allowedSources == null ? List.of() : List.copyOf(allowedSources);
  }
}
