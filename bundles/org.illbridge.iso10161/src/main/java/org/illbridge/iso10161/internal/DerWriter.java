package org.illbridge.iso10161.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes DER into one growable byte array, in document order: a constructed value is opened (tag
 * and a one-byte length placeholder), its contents written, and on close the length is patched in;
 * the rare content of 128 bytes or more is moved up by the extra length bytes. Hand-written instead
 * of building BouncyCastle ASN.1 objects and DER-encoding them, which allocated an object per
 * value and recomputed nested lengths: measured in itests/benchmarks/iso10161-codec.md.
 */
final class DerWriter {
  static final int UNIVERSAL = 0x00;
  static final int APPLICATION = 0x40;
  static final int CONTEXT = 0x80;
  static final int CONSTRUCTED = 0x20;

  private byte[] buf;
  private int pos;

  DerWriter(int capacity) {
    buf = new byte[capacity];
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  /** Identifier octets: class and constructed bits as in the first octet, any tag number. */
  void tag(int classAndForm, int no) {
    ensure(6);
    if (no < 31) {
      buf[pos++] = (byte) (classAndForm | no);
      return;
    }
    buf[pos++] = (byte) (classAndForm | 0x1f);
    int shift = 28;
    while (shift > 0 && (no >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      buf[pos++] = (byte) (0x80 | ((no >>> shift) & 0x7f));
    }
    buf[pos++] = (byte) (no & 0x7f);
  }

  /** Opens a constructed value; returns the mark to {@link #close} it with. */
  int open(int classAndForm, int no) {
    tag(classAndForm | CONSTRUCTED, no);
    ensure(1);
    pos++;
    return pos;
  }

  /** Opens a constructed context-specific [no]. */
  int open(int no) {
    return open(CONTEXT, no);
  }

  /** Opens a universal SEQUENCE. */
  int openSequence() {
    return open(UNIVERSAL, 16);
  }

  void close(int mark) {
    int len = pos - mark;
    if (len < 0x80) {
      buf[mark - 1] = (byte) len;
      return;
    }
    int k = len < 0x100 ? 1 : len < 0x10000 ? 2 : len < 0x1000000 ? 3 : 4;
    ensure(k);
    System.arraycopy(buf, mark, buf, mark + k, len);
    buf[mark - 1] = (byte) (0x80 | k);
    for (int i = k - 1, at = mark; i >= 0; i--) {
      buf[at++] = (byte) (len >>> (8 * i));
    }
    pos += k;
  }

  private void length(int len) {
    ensure(5);
    if (len < 0x80) {
      buf[pos++] = (byte) len;
      return;
    }
    int k = len < 0x100 ? 1 : len < 0x10000 ? 2 : len < 0x1000000 ? 3 : 4;
    buf[pos++] = (byte) (0x80 | k);
    for (int i = k - 1; i >= 0; i--) {
      buf[pos++] = (byte) (len >>> (8 * i));
    }
  }

  /** A primitive value with the given identifier and contents. */
  void primitive(int classAndForm, int no, byte[] content, int off, int len) {
    tag(classAndForm, no);
    length(len);
    ensure(len);
    System.arraycopy(content, off, buf, pos, len);
    pos += len;
  }

  /** INTEGER / ENUMERATED contents in the fewest two's-complement octets. */
  void integer(int classAndForm, int no, long v) {
    int n = 1;
    while (n < 8 && (v < -(1L << (8 * n - 1)) || v >= (1L << (8 * n - 1)))) {
      n++;
    }
    tag(classAndForm, no);
    ensure(1 + n);
    buf[pos++] = (byte) n;
    for (int i = n - 1; i >= 0; i--) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  void bool(int classAndForm, int no, boolean v) {
    tag(classAndForm, no);
    ensure(2);
    buf[pos++] = 1;
    buf[pos++] = v ? (byte) 0xff : 0;
  }

  /** One octet per char, the low byte (VisibleString, PrintableString, as BouncyCastle wrote). */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly that
  void latin1(int classAndForm, int no, String s) {
    int len = s.length();
    tag(classAndForm, no);
    length(len);
    ensure(len);
    s.getBytes(0, len, buf, pos);
    pos += len;
  }

  /** UTF-8 contents (GeneralString, see {@link Text}). */
  void utf8(int classAndForm, int no, String s) {
    // the JDK's encoder is vectorised for ASCII: cheaper than inspecting chars one by one
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    primitive(classAndForm, no, b, 0, b.length);
  }

  /** A complete TLV, as is. */
  void raw(byte[] tlv) {
    ensure(tlv.length);
    System.arraycopy(tlv, 0, buf, pos, tlv.length);
    pos += tlv.length;
  }
}
