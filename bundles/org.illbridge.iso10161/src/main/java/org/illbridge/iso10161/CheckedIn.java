package org.illbridge.iso10161;

import java.util.List;

/**
 * Checked-In ([APPLICATION 11]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param dateCheckedIn [40]
 * @param responderNote [46]
 * @param extensions [49]
 */
public record CheckedIn(
    ApduHeader header,
    String dateCheckedIn,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public CheckedIn {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.CHECKED_IN;
  }
}
