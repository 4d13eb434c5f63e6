package org.illbridge.iso10161;

import java.util.List;

/**
 * Forward-Notification ([APPLICATION 2]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param responderAddress [24]
 * @param intermediaryId [25]
 * @param notificationNote [48]
 * @param extensions [49]
 */
public record ForwardNotification(
    ApduHeader header,
    SystemAddress responderAddress,
    SystemId intermediaryId,
    IllString notificationNote,
    List<Extension> extensions) implements IllApdu {

  public ForwardNotification {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.FORWARD_NOTIFICATION;
  }
}
