package org.illbridge.iso10161;

import java.util.List;

/**
 * Lost ([APPLICATION 15]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param note [46]
 * @param extensions [49]
 */
public record Lost(
    ApduHeader header,
    IllString note,
    List<Extension> extensions) implements IllApdu {

  public Lost {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.LOST;
  }
}
