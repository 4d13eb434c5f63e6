package org.illbridge.api.dialect;

import java.util.List;
import java.util.Objects;
import org.illbridge.api.model.IllMessage;

/**
 * What a {@link Dialect} decided about one outbound message.
 *
 * <ul>
 *   <li>{@link Send}: send the (possibly rewritten) message; warnings go to the home system.
 *   <li>{@link Skip}: the partner does not take this kind of message; nothing is sent, the reason
 *       is recorded (e.g. Relais and Received).
 *   <li>{@link Refuse}: the message cannot be sent as it is (a required field is missing); it is
 *       refused locally with a clear error before anything reaches the partner.
 * </ul>
 */
public sealed interface OutboundDecision {

  /** Send {@code message}; {@code warnings} tell the home system what was changed. */
  record Send(IllMessage message, List<String> warnings) implements OutboundDecision {
    public Send {
      Objects.requireNonNull(message, "message");
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
  }

  /** Send nothing: the partner does not take this message. Not an error. */
  record Skip(String reason) implements OutboundDecision {}

  /** Send nothing: the message breaks the partner's rules. An error for the home system. */
  record Refuse(String reason) implements OutboundDecision {}

  static OutboundDecision send(IllMessage message) {
    return new Send(message, List.of());
  }
}
