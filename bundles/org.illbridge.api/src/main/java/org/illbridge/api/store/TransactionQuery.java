package org.illbridge.api.store;

import java.time.Instant;
import java.util.Set;

/**
 * Filter for {@link TransactionStore#search}; null (or empty) fields do not filter. Results are
 * ordered newest first (by creation) and keyset-paged.
 *
 * @param anyId matches the bridge key or any of the four side transaction ids exactly
 * @param partnerKey matches the requester or the current supplier
 * @param states only these states
 * @param createdFrom created at or after
 * @param createdBefore created before
 * @param limit page size (1..1000)
 * @param cursor from the previous page, or null for the first
 */
public record TransactionQuery(
    String anyId,
    String partnerKey,
    Set<org.illbridge.api.model.TransactionState> states,
    Instant createdFrom,
    Instant createdBefore,
    int limit,
    String cursor) {
  public TransactionQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
  }

  public static TransactionQuery all(int limit) {
    return new TransactionQuery(null, null, null, null, null, limit, null);
  }

  public TransactionQuery next(String nextCursor) {
    return new TransactionQuery(anyId, partnerKey, states, createdFrom, createdBefore, limit,
        nextCursor);
  }
}
