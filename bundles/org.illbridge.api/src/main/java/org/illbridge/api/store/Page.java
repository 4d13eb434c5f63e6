package org.illbridge.api.store;

import java.util.List;

/**
 * One page of a keyset-paged query.
 *
 * @param items the rows, newest first
 * @param nextCursor opaque cursor to pass to the next query, or null when this is the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
