package org.illbridge.iso18626;

/**
 * The supplier's status and dates.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record StatusInfo(
    Status status,
    java.time.OffsetDateTime expectedDeliveryDate,
    java.time.OffsetDateTime dueDate,
    java.time.OffsetDateTime lastChange) {
}
