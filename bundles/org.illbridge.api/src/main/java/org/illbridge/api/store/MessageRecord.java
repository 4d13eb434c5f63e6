package org.illbridge.api.store;

import java.time.Instant;
import java.util.List;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;

/**
 * A logged message without its raw bytes (fetch those with {@link TransactionStore#rawMessage}).
 *
 * @param id the log id
 * @param rawSize number of raw bytes kept
 * @param redacted true when the raw bytes were replaced after the retention period
 * @param duplicateCount how many times the same message was received again (inbound only)
 * @param lastSeenAt when it was last received again, or null
 */
public record MessageRecord(
    long id,
    String bridgeKey,
    String partnerKey,
    Direction direction,
    Protocol protocol,
    MessageType messageType,
    String dedupeKey,
    int rawSize,
    String summary,
    boolean containsPatronData,
    boolean redacted,
    Instant senderTimestamp,
    Instant at,
    String result,
    List<String> warnings,
    int duplicateCount,
    Instant lastSeenAt) {
  public MessageRecord {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
