package org.illbridge.iso10161;

import java.util.List;

/**
 * Renew ([APPLICATION 13]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param desiredDueDate [42]
 * @param requesterNote [46]
 * @param extensions [49]
 */
public record Renew(
    ApduHeader header,
    String desiredDueDate,
    IllString requesterNote,
    List<Extension> extensions) implements IllApdu {

  public Renew {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.RENEW;
  }
}
