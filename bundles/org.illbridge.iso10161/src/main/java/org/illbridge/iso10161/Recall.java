package org.illbridge.iso10161;

import java.util.List;

/**
 * Recall ([APPLICATION 9]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param responderNote [46]
 * @param extensions [49]
 */
public record Recall(
    ApduHeader header,
    IllString responderNote,
    List<Extension> extensions) implements IllApdu {

  public Recall {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.RECALL;
  }
}
