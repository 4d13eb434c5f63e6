package org.illbridge.iso10161;

import java.util.List;

/**
 * Expired ([APPLICATION 20]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param extensions [49]
 */
public record Expired(
    ApduHeader header,
    List<Extension> extensions) implements IllApdu {

  public Expired {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.EXPIRED;
  }
}
