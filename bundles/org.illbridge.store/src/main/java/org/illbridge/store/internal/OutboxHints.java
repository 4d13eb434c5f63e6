package org.illbridge.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What the outbox claim needs to know without scanning the table: which partners may have due
 * rows (and from when), and a wake-up for the worker when new work was committed or a delivery
 * slot came free. One per store {@link DataSource}, shared by the unit of work (which reports what
 * it enqueued after commit), {@link JdbcOutbox} (which claims per partner from these hints) and
 * the worker (which waits on it instead of only on a timer).
 *
 * <p>Hints are never the only source of truth: {@link JdbcOutbox} rescans the table for partners
 * with pending rows at start and periodically, so a hint lost (another process, a crash between
 * commit and hint) costs latency, never a message.
 */
final class OutboxHints {
  private static final Map<DataSource, OutboxHints> BY_SOURCE = new WeakHashMap<>();

  /** partner key -> earliest epoch milli at which it may have a due row (0: now). */
  private final Map<String, Long> partners = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private boolean signalled;

  static OutboxHints of(DataSource dataSource) {
    synchronized (BY_SOURCE) {
      return BY_SOURCE.computeIfAbsent(dataSource, d -> new OutboxHints());
    }
  }

  /** A row of {@code partner} becomes due at {@code dueMillis} (0 or past: now); wakes the worker. */
  void due(String partner, long dueMillis) {
    if (partner != null) {
      partners.merge(partner, Math.max(0, dueMillis), Math::min);
    }
    wake();
  }

  /** Like {@link #due} without waking the worker: puts back what a claim could not settle. */
  void later(String partner, long dueMillis) {
    if (partner != null) {
      partners.merge(partner, Math.max(0, dueMillis), Math::min);
    }
  }

  /** Partners that may have a row due at {@code nowMillis}; their hints are taken out. */
  List<String> takeDue(long nowMillis) {
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Long> e : partners.entrySet()) {
      if (e.getValue() <= nowMillis && partners.remove(e.getKey(), e.getValue())) {
        due.add(e.getKey());
      }
    }
    return due;
  }

  /**
   * Earliest hint after {@code nowMillis}, or {@link Long#MAX_VALUE}. Hints due already (partners
   * waiting for a free slot) do not count: a freed slot or a new row wakes the worker anyway, and
   * counting them would make it poll in a busy loop.
   */
  long nextDueAfter(long nowMillis) {
    long min = Long.MAX_VALUE;
    for (long v : partners.values()) {
      if (v > nowMillis) {
        min = Math.min(min, v);
      }
    }
    return min;
  }

  /** Wakes a worker blocked in {@link #await}. */
  void wake() {
    synchronized (lock) {
      signalled = true;
      lock.notifyAll();
    }
  }

  /**
   * Waits until {@link #wake} was called (since the last return) or {@code millis} passed.
   *
   * @return true when woken
   */
  boolean await(long millis) throws InterruptedException {
    synchronized (lock) {
      long end = System.nanoTime() + millis * 1_000_000L;
      while (!signalled) {
        long left = (end - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return false;
        }
        lock.wait(left);
      }
      signalled = false;
      return true;
    }
  }
}
