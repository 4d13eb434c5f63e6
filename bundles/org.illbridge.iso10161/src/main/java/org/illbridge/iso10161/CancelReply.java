package org.illbridge.iso10161;

import java.util.List;

/**
 * Cancel-Reply ([APPLICATION 7]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param answer [35]
 * @param responderNote [46]
 * @param extensions [49]
 */
public record CancelReply(
    ApduHeader header,
    boolean answer,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public CancelReply {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.CANCEL_REPLY;
  }
}
