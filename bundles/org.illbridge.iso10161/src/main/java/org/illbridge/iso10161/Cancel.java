package org.illbridge.iso10161;

import java.util.List;

/**
 * Cancel ([APPLICATION 6]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param requesterNote [46]
 * @param extensions [49]
 */
public record Cancel(
    ApduHeader header,
    IllString requesterNote,
    List<Extension> extensions) implements IllApdu {

  public Cancel {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.CANCEL;
  }
}
