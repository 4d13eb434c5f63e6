package org.illbridge.console.internal.security;

/**
 * Streaming search for the first {@code </head>} (any letter case) in HTML being written, so a
 * snippet can be placed just before it without buffering the whole page. Works on chars and, for
 * pages written as bytes, on bytes of any ASCII-compatible encoding (UTF-8, ISO-8859-1).
 *
 * <p>Hand-written rather than an HTML parser: the console's pages come from one template whose
 * head is plain, and a parser would need the whole page in memory. {@code <} occurs once in the
 * pattern, so on a mismatch the held characters are released and matching restarts at the
 * current one.
 */
final class HeadInjector {

  private static final char[] PATTERN = "</head>".toCharArray();

  /** Receives the output: characters as they come, plus the snippet at the right place. */
  interface Sink {
    void put(int c);

    void putSnippet();
  }

  private final Sink sink;
  private final int[] held = new int[PATTERN.length];
  private int matched;
  private boolean done;

  HeadInjector(Sink sink) {
    this.sink = sink;
  }

  boolean isDone() {
    return done;
  }

  void accept(int c) {
    if (done) {
      sink.put(c);
      return;
    }
    if (Character.toLowerCase(c) == PATTERN[matched]) {
      held[matched++] = c;
      if (matched == PATTERN.length) {
        sink.putSnippet();
        release();
        done = true;
      }
      return;
    }
    release();
    if (c == PATTERN[0]) {
      held[matched++] = c;
    } else {
      sink.put(c);
    }
  }

  /** End of output: releases a partial match that turned out not to be {@code </head>}. */
  void finish() {
    release();
  }

  private void release() {
    for (int i = 0; i < matched; i++) {
      sink.put(held[i]);
    }
    matched = 0;
  }
}
