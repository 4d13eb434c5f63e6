package org.illbridge.api.store;

import java.time.Instant;
import org.illbridge.api.model.MessageType;

/**
 * An outbox row.
 *
 * @param payload the bytes to deliver; null in listings (see {@link Outbox#list})
 * @param attempts delivery attempts made so far
 * @param queuedAt when it was enqueued or last resent; the dead-letter age counts from here
 * @param lastError why the last attempt failed, or null
 */
public record OutboxItem(
    long id,
    String bridgeKey,
    String partnerKey,
    String endpoint,
    MessageType messageType,
    String contentType,
    byte[] payload,
    boolean containsPatronData,
    String orderingKey,
    OutboxStatus status,
    int attempts,
    Instant createdAt,
    Instant queuedAt,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Instant deliveredAt,
    String lastError) {}
