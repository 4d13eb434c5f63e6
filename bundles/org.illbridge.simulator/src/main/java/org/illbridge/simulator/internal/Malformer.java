package org.illbridge.simulator.internal;

import java.util.Arrays;

/**
 * Produces the "malformed reply" of the scriptable behaviour: bytes that still arrive as one
 * message (so the peer reads them, decodes them and must refuse them) but cannot be decoded.
 */
final class Malformer {
  private Malformer() {}

  /**
   * Keeps the outer BER tag number and length of a DER-encoded APDU, so stream framing still
   * finds exactly one value of the same size, but marks it primitive and overwrites its contents
   * with 0xFF bytes: an APDU must be a constructed value, so the decoder refuses it, while a
   * framer does not look inside a primitive value.
   */
  static byte[] ber(byte[] der) {
    byte[] out = der.clone();
    int headerLength = headerLength(der);
    out[0] = (byte) (out[0] & ~0x20);
    Arrays.fill(out, headerLength, out.length, (byte) 0xFF);
    return out;
  }

  /** The first half of an XML document: not well-formed. */
  static byte[] xml(byte[] xml) {
    return Arrays.copyOf(xml, Math.max(1, xml.length / 2));
  }

  /** Length of the identifier and length octets at the start of a DER value. */
  private static int headerLength(byte[] der) {
    int i = 1;
    if ((der[0] & 0x1F) == 0x1F) {
      while ((der[i] & 0x80) != 0) {
        i++;
      }
      i++;
    }
    int first = der[i] & 0xFF;
    return i + 1 + ((first & 0x80) != 0 ? first & 0x7F : 0);
  }
}
