package org.illbridge.api.store;

import java.time.Instant;
import java.util.Objects;
import org.illbridge.api.model.MessageType;

/**
 * Outbound work to commit together with the change that caused it.
 *
 * @param bridgeKey the transaction, or null for work not tied to one
 * @param partnerKey the destination partner (per-partner isolation and in-flight limits use it)
 * @param endpoint a specific endpoint URI, or null to let the delivery choose (for example every
 *     active endpoint during an address change)
 * @param messageType what is being sent, for the console
 * @param contentType how {@code payload} is encoded; the store does not interpret it (the engine
 *     decides, for example a serialised neutral message)
 * @param payload what the delivery needs to send it
 * @param containsPatronData true when {@code payload} carries patron data: redacted at retention
 * @param orderingKey rows with the same key are delivered strictly in enqueue order, a later one
 *     never before an earlier one is delivered (or discarded); null means the transaction's bridge
 *     key (FIFO per transaction), or the partner key when there is no transaction
 * @param notBefore earliest delivery time, or null for now
 */
public record NewOutboxItem(
    String bridgeKey,
    String partnerKey,
    String endpoint,
    MessageType messageType,
    String contentType,
    byte[] payload,
    boolean containsPatronData,
    String orderingKey,
    Instant notBefore) {
  public NewOutboxItem {
    Objects.requireNonNull(partnerKey, "partnerKey");
    Objects.requireNonNull(payload, "payload");
  }

  /** The ordering key actually used. */
  public String effectiveOrderingKey() {
    if (orderingKey != null) {
      return orderingKey;
    }
    return bridgeKey != null ? "tx:" + bridgeKey : "partner:" + partnerKey;
  }
}
