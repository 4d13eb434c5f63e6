package org.illbridge.iso10161;

import java.util.List;

/**
 * Conditional-Reply ([APPLICATION 5]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param answer [35]
 * @param requesterNote [46]
 * @param extensions [49]
 */
public record ConditionalReply(
    ApduHeader header,
    boolean answer,
    IllString requesterNote,
    List<Extension> extensions) implements IllApdu {

  public ConditionalReply {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.CONDITIONAL_REPLY;
  }
}
