package org.illbridge.itests.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls a condition within a bound; the tests check what the server does, not how fast. A
 * condition that throws (an exception or a failed assertion describing what it saw) counts as not
 * yet true; the last such throw is the cause of the time-out.
 */
public final class Await {
  private Await() {}

  public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
        last = null;
      } catch (Exception | AssertionError e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }
}
