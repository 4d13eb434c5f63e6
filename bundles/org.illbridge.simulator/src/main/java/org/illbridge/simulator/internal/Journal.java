package org.illbridge.simulator.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a simulated partner received and did, newest last; bounded (oldest entries dropped). Tests
 * and the demo read it to see the quirks at work.
 */
public final class Journal {

  /** What happened to a message. */
  public enum Outcome {
    /** received and acted upon */
    RECEIVED,
    /** received and deliberately not acted upon (Relais: request number seen before) */
    IGNORED,
    /** received and refused (OCLC: required fields missing; unknown transaction) */
    REFUSED,
    /** received but not readable */
    UNREADABLE,
    /** sent as it should be */
    SENT,
    /** deliberately not sent (lost-message rate) */
    LOST,
    /** sent as bytes the peer must reject (malformed-reply rate) */
    MALFORMED,
    /** could not be delivered (the bridge did not answer) */
    FAILED
  }

  /**
   * One entry.
   *
   * @param txKey the transaction (requester's id) it belongs to, or "-" when unknown
   * @param what the message, e.g. {@code ILL_REQUEST}, {@code SHIPPED}, {@code WillSupply}
   * @param outcome what happened
   * @param detail free text for the log, may be empty
   */
  public record Entry(String txKey, String what, Outcome outcome, String detail) {}

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();

  public Journal(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void add(String txKey, String what, Outcome outcome, String detail) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(txKey == null ? "-" : txKey, what, outcome,
        detail == null ? "" : detail));
    notifyAll();
  }

  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  /** Entries matching the filter, oldest first. */
  public synchronized List<Entry> find(Predicate<Entry> filter) {
    return entries.stream().filter(filter).toList();
  }

  /**
   * Waits at most {@code timeout} for an entry matching the filter.
   *
   * @return the first matching entry, or null when none came in time
   */
  public synchronized Entry await(Predicate<Entry> filter, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Entry e : entries) {
        if (filter.test(e)) {
          return e;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
