package org.illbridge.e2e.tests;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition within a bound; the tests check what the bridge does, not how fast. */
final class Await {
  private Await() {}

  static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
        last = null;
      } catch (Exception | AssertionError e) {
        last = e instanceof Exception ex ? ex : new Exception(e);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
  }
}
