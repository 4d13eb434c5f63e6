package org.illbridge.iso10161;

import java.util.List;

/**
 * Renew-Answer ([APPLICATION 14]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param answer [35]
 * @param dateDue [41]
 * @param responderNote [46]
 * @param extensions [49]
 */
public record RenewAnswer(
    ApduHeader header,
    boolean answer,
    DateDue dateDue,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public RenewAnswer {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.RENEW_ANSWER;
  }
}
