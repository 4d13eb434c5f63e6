package org.illbridge.iso10161;

import java.util.List;

/**
 * Overdue ([APPLICATION 12]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param dateDue [41]
 * @param responderNote [46]
 * @param extensions [49]
 */
public record Overdue(
    ApduHeader header,
    DateDue dateDue,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public Overdue {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.OVERDUE;
  }
}
