package org.illbridge.iso10161;

import java.util.List;

/**
 * Damaged ([APPLICATION 16]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param damagedDetails [5]
 * @param note [46]
 * @param extensions [49]
 */
public record Damaged(
    ApduHeader header,
    DamagedDetails damagedDetails,
    IllString note,
    List<Extension> extensions) implements IllApdu {

  public Damaged {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.DAMAGED;
  }
}
