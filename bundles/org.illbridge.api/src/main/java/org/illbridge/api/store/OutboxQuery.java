package org.illbridge.api.store;

/**
 * Filter for {@link Outbox#list}; null fields do not filter.
 *
 * @param status only rows in this status
 * @param partnerKey only rows for this partner
 * @param bridgeKey only rows of this transaction
 * @param limit page size (1..1000)
 * @param cursor from the previous page, or null for the first
 */
public record OutboxQuery(
    OutboxStatus status, String partnerKey, String bridgeKey, int limit, String cursor) {
  public static OutboxQuery byStatus(OutboxStatus status, int limit) {
    return new OutboxQuery(status, null, null, limit, null);
  }
}
