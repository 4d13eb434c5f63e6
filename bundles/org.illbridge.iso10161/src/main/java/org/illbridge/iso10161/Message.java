package org.illbridge.iso10161;

import java.util.List;

/**
 * Message ([APPLICATION 17]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param note [46]
 * @param extensions [49]
 */
public record Message(
    ApduHeader header,
    IllString note,
    List<Extension> extensions) implements IllApdu {

  public Message {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.MESSAGE;
  }
}
