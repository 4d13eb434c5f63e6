package org.illbridge.itests.support;

/** Closing what a test class started, in order, whatever fails (for {@code @AfterAll}). */
public final class Closer {
  private Closer() {}

  /**
   * Closes every resource that is not null, in the order given; a failure does not stop the
   * others. The first failure is thrown at the end with the later ones suppressed.
   */
  public static void closeAll(AutoCloseable... resources) throws Exception {
    Exception first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
