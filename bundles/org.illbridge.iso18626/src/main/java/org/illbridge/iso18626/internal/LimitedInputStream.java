package org.illbridge.iso18626.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes as they are read and fails as soon as more than {@code limit} arrive, so an
 * oversized body is refused while streaming instead of after it has been buffered.
 */
public final class LimitedInputStream extends FilterInputStream {

  /** Thrown when the body is larger than allowed. */
  public static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceededException(long limit) {
      super("message body exceeds the limit of " + limit + " bytes");
    }
  }

  private final long limit;
  private long count;

  public LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  private void add(long n) throws LimitExceededException {
    count += n;
    if (count > limit) {
      throw new LimitExceededException(limit);
    }
  }

  /** Reads everything up to the limit. */
  public static byte[] readAll(InputStream in, long limit) throws IOException {
    try (LimitedInputStream limited = new LimitedInputStream(in, limit)) {
      return limited.readAllBytes();
    }
  }
}
