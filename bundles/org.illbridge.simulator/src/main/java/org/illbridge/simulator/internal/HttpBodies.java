package org.illbridge.simulator.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading request bodies with a size limit. */
final class HttpBodies {
  private HttpBodies() {}

  /** The whole body, or null when it is larger than {@code max} bytes. */
  static byte[] read(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int total = 0;
    for (int r; (r = in.read(buf)) >= 0; ) {
      total += r;
      if (total > max) {
        return null;
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }
}
