package org.illbridge.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;

/**
 * A message to write to the message log.
 *
 * @param bridgeKey the transaction it belongs to, or null when not (yet) matched
 * @param partnerKey the partner it came from or went to, or null for an unknown sender
 * @param direction inbound or outbound
 * @param protocol wire protocol
 * @param messageType neutral type, or null when it could not be decoded
 * @param dedupeKey the message's identity for this partner (for example the sender's transaction
 *     id + message type + timestamp); inbound messages with the same partner and dedupe key are
 *     the same message. Null disables the duplicate check.
 * @param raw the exact bytes received or sent
 * @param summary short decoded summary for the console; must hold patron data only if {@code
 *     containsPatronData} is set
 * @param containsPatronData true when {@code raw} or {@code summary} carries patron data: such
 *     messages are redacted when the transaction's retention period ends
 * @param senderTimestamp the time the sender put in the message, or null
 * @param at when it was received or sent
 * @param result outcome (for example {@code accepted}, {@code rejected:unknown-agency}), or null
 *     to fill in later with {@link UnitOfWork#setMessageResult}
 * @param warnings normalisation warnings
 */
public record NewMessage(
    String bridgeKey,
    String partnerKey,
    Direction direction,
    Protocol protocol,
    MessageType messageType,
    String dedupeKey,
    byte[] raw,
    String summary,
    boolean containsPatronData,
    Instant senderTimestamp,
    Instant at,
    String result,
    List<String> warnings) {
  public NewMessage {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(at, "at");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
