package org.illbridge.iso10161.internal;

import java.io.IOException;
import java.io.InputStream;

/** Reads the golden vectors for tests in this package. */
final class GoldenVectorTestAccess {
  private GoldenVectorTestAccess() {}

  static byte[] golden(String name) throws IOException {
    try (InputStream in = GoldenVectorTestAccess.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IOException("missing golden vector " + name);
      }
      return in.readAllBytes();
    }
  }
}
