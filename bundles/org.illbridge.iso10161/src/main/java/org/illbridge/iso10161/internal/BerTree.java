package org.illbridge.iso10161.internal;

import java.nio.charset.StandardCharsets;
import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.IllCodecException;

/**
 * A flat index of every TLV of one BER value, built in one pass over the bytes without recursion,
 * plus typed reads of primitive contents straight from the byte array. Nodes are ints (positions
 * in one int array), children follow their parent in document order; nothing is copied until a
 * value is read.
 *
 * <p>Hand-written instead of BouncyCastle's {@code ASN1InputStream} because that parser reads
 * every byte through one {@code DefiniteLengthInputStream} / {@code IndefiniteLengthInputStream}
 * per nesting level and builds an object per TLV: on YAZ's ILL-Request it made decoding about five
 * times slower than YAZ's C codec (itests/benchmarks/iso10161-codec.md). The checks BouncyCastle
 * made while parsing are made here, where a value is read: minimal INTEGER / ENUMERATED contents,
 * one-byte BOOLEAN, empty NULL, primitive strings, minimal high tag numbers. OIDs and values kept
 * opaque ({@code RawBer}) still go through BouncyCastle.
 *
 * <p>Callers run {@link BerFramer} first, so the framing (lengths within their parent, nesting
 * depth, size limit, end-of-contents) is already known to be sound; this class checks it again
 * where it costs nothing, and anything inconsistent is MALFORMED.
 */
final class BerTree {
  static final int UNIVERSAL = 0;
  static final int APPLICATION = 1;
  static final int CONTEXT = 2;

  static final int SEQUENCE = 16;
  static final int INTEGER = 2;
  static final int BOOLEAN = 1;
  static final int ENUMERATED = 10;
  static final int NULL = 5;
  static final int OID = 6;
  static final int EXTERNAL = 8;
  static final int VISIBLE_STRING = 26;
  static final int GENERAL_STRING = 27;
  static final int OBJECT_DESCRIPTOR = 7;

  // one node = 6 ints: tag word, TLV start, content start, content end, TLV end, subtree end
  private static final int TAG = 0;
  private static final int START = 1;
  private static final int CS = 2;
  private static final int CE = 3;
  private static final int TE = 4;
  private static final int SUB = 5;
  private static final int STRIDE = 6;
  private static final int CONSTRUCTED_BIT = 1 << 29;
  private static final int TAG_NO_MASK = CONSTRUCTED_BIT - 1;

  final byte[] buf;
  private int[] n;
  private int count;

  /** Indexes the one TLV that {@code buf[0, end)} holds exactly. */
  BerTree(byte[] buf, int end) throws IllCodecException {
    this.buf = buf;
    this.n = new int[Math.max(16, end / 4) * STRIDE];
    int[] stack = new int[BerFramer.MAX_DEPTH + 1];
    int depth = 0;
    int pos = 0;
    do {
      int i = header(pos, end);
      int cs = n[i * STRIDE + CS];
      int ce = n[i * STRIDE + CE];
      boolean constructed = (n[i * STRIDE + TAG] & CONSTRUCTED_BIT) != 0;
      if (depth > 0) {
        int parentEnd = n[stack[depth - 1] * STRIDE + CE];
        if (parentEnd >= 0 && ce > parentEnd) {
          throw malformed("value at offset " + pos + " runs past its enclosing value");
        }
      }
      if (constructed && (ce < 0 || ce > cs)) {
        if (depth == BerFramer.MAX_DEPTH) {
          throw malformed("nested deeper than " + BerFramer.MAX_DEPTH + " levels");
        }
        stack[depth++] = i;
        pos = cs;
      } else {
        n[i * STRIDE + TE] = ce;
        n[i * STRIDE + SUB] = count;
        pos = ce;
      }
      while (depth > 0) {
        int b = stack[depth - 1] * STRIDE;
        int top = n[b + CE];
        if (top < 0) {
          if (pos + 1 < end && buf[pos] == 0 && buf[pos + 1] == 0) {
            n[b + CE] = pos;
            n[b + TE] = pos + 2;
            pos += 2;
          } else {
            break;
          }
        } else if (pos == top) {
          n[b + TE] = pos;
        } else if (pos > top) {
          throw malformed("value ending at offset " + pos + " runs past its enclosing value");
        } else {
          break;
        }
        n[b + SUB] = count;
        depth--;
      }
    } while (depth > 0);
    if (pos != end) {
      throw malformed((end - pos) + " bytes after the end of the APDU");
    }
  }

  /** Reads the header at pos as a new node; content end is -1 for an indefinite length. */
  private int header(int pos, int end) throws IllCodecException {
    int p = pos;
    if (p >= end) {
      throw malformed("truncated APDU");
    }
    int first = buf[p++] & 0xff;
    int tagNo = first & 0x1f;
    if (tagNo == 0x1f) {
      tagNo = 0;
      for (int k = 0; ; k++) {
        if (p >= end || k == 4) {
          throw malformed("bad tag number at offset " + pos);
        }
        int b = buf[p++] & 0xff;
        if (k == 0 && b == 0x80) {
          throw malformed("tag number not minimally encoded at offset " + pos);
        }
        tagNo = (tagNo << 7) | (b & 0x7f);
        if ((b & 0x80) == 0) {
          break;
        }
      }
      if (tagNo < 31) {
        throw malformed("high tag number < 31 at offset " + pos);
      }
    } else if (first == 0) {
      throw malformed("unexpected end-of-contents at offset " + pos);
    }
    if (p >= end) {
      throw malformed("truncated APDU");
    }
    boolean constructed = (first & 0x20) != 0;
    int lenByte = buf[p++] & 0xff;
    int ce;
    if (lenByte < 0x80) {
      ce = p + lenByte;
    } else if (lenByte == 0x80) {
      if (!constructed) {
        throw malformed("indefinite length on a primitive value at offset " + pos);
      }
      ce = -1;
    } else {
      int k = lenByte & 0x7f;
      if (k > 4 || p + k > end) {
        throw malformed("bad length at offset " + pos);
      }
      long len = 0;
      for (int j = 0; j < k; j++) {
        len = (len << 8) | (buf[p++] & 0xff);
      }
      if (len > end - p) {
        throw malformed("value at offset " + pos + " runs past the end of the APDU");
      }
      ce = p + (int) len;
    }
    if (ce > end) {
      throw malformed("value at offset " + pos + " runs past the end of the APDU");
    }
    if (first < 0x40) {
      universal(first, tagNo, p, ce);
    }
    int i = count++;
    int b = i * STRIDE;
    if (b + STRIDE > n.length) {
      n = java.util.Arrays.copyOf(n, n.length * 2);
    }
    n[b + TAG] = (first >>> 6) << 30 | (constructed ? CONSTRUCTED_BIT : 0) | tagNo;
    n[b + START] = pos;
    n[b + CS] = p;
    n[b + CE] = ce;
    return i;
  }

  /**
   * The checks BouncyCastle's parser made on every universal value, wherever it stands: known
   * types only, constructed only where BER allows it, BOOLEAN / NULL / INTEGER / ENUMERATED
   * contents well-formed. So malformed input is refused as such before it is mapped.
   */
  private void universal(int first, int tagNo, int cs, int ce) throws IllCodecException {
    if ((first & 0x20) != 0) {
      if (tagNo != SEQUENCE && tagNo != 17 && tagNo != EXTERNAL && tagNo != 3 && tagNo != 4) {
        throw malformed("constructed universal tag " + tagNo + " at offset " + cs);
      }
      return;
    }
    int len = ce - cs;
    switch (tagNo) {
      case BOOLEAN -> {
        if (len != 1) {
          throw malformed("BOOLEAN value should have 1 byte in it");
        }
      }
      case NULL -> {
        if (len != 0) {
          throw malformed("malformed NULL encoding");
        }
      }
      case INTEGER, ENUMERATED -> {
        if (len == 0 || len > 1 && (buf[cs] == 0 && (buf[cs + 1] & 0x80) == 0
            || buf[cs] == -1 && (buf[cs + 1] & 0x80) != 0)) {
          throw malformed("malformed integer at offset " + cs);
        }
        if (tagNo == ENUMERATED && buf[cs] < 0) {
          throw malformed("enumerated must be non-negative");
        }
      }
      case 0, EXTERNAL, 9, 11, 14, 15, SEQUENCE, 17, 29 ->
          throw malformed("unknown or primitive-only-misused universal tag " + tagNo);
      default -> {
        if (tagNo > 30) {
          throw malformed("unknown universal tag " + tagNo);
        }
      }
    }
  }

  // ---------------------------------------------------------------- navigation

  int tagClass(int i) {
    return n[i * STRIDE + TAG] >>> 30;
  }

  int tagNo(int i) {
    return n[i * STRIDE + TAG] & TAG_NO_MASK;
  }

  boolean constructed(int i) {
    return (n[i * STRIDE + TAG] & CONSTRUCTED_BIT) != 0;
  }

  boolean isContext(int i) {
    return tagClass(i) == CONTEXT;
  }

  boolean isUniversal(int i, int tagNo) {
    return (n[i * STRIDE + TAG] & ~CONSTRUCTED_BIT) == tagNo;
  }

  /** First child of a constructed node, or -1. */
  int first(int i) {
    int c = i + 1;
    return c < n[i * STRIDE + SUB] ? c : -1;
  }

  /** The child after {@code c} in {@code parent}, or -1. */
  int next(int parent, int c) {
    int s = n[c * STRIDE + SUB];
    return s < n[parent * STRIDE + SUB] ? s : -1;
  }

  int size(int i) {
    int k = 0;
    for (int c = first(i); c >= 0; c = next(i, c)) {
      k++;
    }
    return k;
  }

  int contentStart(int i) {
    return n[i * STRIDE + CS];
  }

  int contentLength(int i) {
    return n[i * STRIDE + CE] - n[i * STRIDE + CS];
  }

  /** The whole TLV (header, content, end-of-contents) as a copy. */
  byte[] tlv(int i) {
    return java.util.Arrays.copyOfRange(buf, n[i * STRIDE + START], n[i * STRIDE + TE]);
  }

  // ---------------------------------------------------------------- typed access

  /** EXPLICIT tagging: the one value inside a constructed tag. */
  int explicit(int i) throws IllCodecException {
    if (!constructed(i)) {
      throw malformed("explicitly tagged [" + tagNo(i) + "] is primitive");
    }
    int c = first(i);
    if (c < 0 || next(i, c) >= 0) {
      throw malformed("explicitly tagged [" + tagNo(i) + "] must hold exactly one value");
    }
    return c;
  }

  /** IMPLICIT SEQUENCE (OF): the constructed tag itself, whose children are the elements. */
  int implicitSeq(int i) throws IllCodecException {
    if (!constructed(i)) {
      throw malformed("[" + tagNo(i) + "] must be constructed (a SEQUENCE)");
    }
    return i;
  }

  /** A universal SEQUENCE. */
  int sequence(int i) throws IllCodecException {
    if (n[i * STRIDE + TAG] != (CONSTRUCTED_BIT | SEQUENCE)) {
      throw malformed("expected a SEQUENCE");
    }
    return i;
  }

  private int primitive(int i, String what) throws IllCodecException {
    if (constructed(i)) {
      throw malformed(what + " must be primitive");
    }
    return contentLength(i);
  }

  /** INTEGER or ENUMERATED content (the tag is the caller's business), as BouncyCastle reads it. */
  long integer(int i, int maxBytes, String what) throws IllCodecException {
    int len = primitive(i, what);
    int p = contentStart(i);
    if (len == 0) {
      throw malformed("malformed " + what + ": empty");
    }
    if (len > 1) {
      int b0 = buf[p];
      int b1 = buf[p + 1];
      if ((b0 == 0 && (b1 & 0x80) == 0) || (b0 == -1 && (b1 & 0x80) != 0)) {
        throw malformed("malformed " + what + ": not minimally encoded");
      }
    }
    if (len > maxBytes) {
      throw malformed(what + " out of range");
    }
    long v = buf[p];
    for (int k = 1; k < len; k++) {
      v = (v << 8) | (buf[p + k] & 0xff);
    }
    return v;
  }

  int intValue(int i) throws IllCodecException {
    return (int) integer(i, 4, "integer");
  }

  /** ENUMERATED: non-negative int. */
  int enumValue(int i) throws IllCodecException {
    long v = integer(i, 4, "enumerated");
    if (v < 0) {
      throw malformed("enumerated must be non-negative");
    }
    return (int) v;
  }

  boolean bool(int i) throws IllCodecException {
    if (primitive(i, "BOOLEAN") != 1) {
      throw malformed("BOOLEAN value should have 1 byte in it");
    }
    return buf[contentStart(i)] != 0;
  }

  void nul(int i) throws IllCodecException {
    if (primitive(i, "NULL") != 0) {
      throw malformed("malformed NULL encoding");
    }
  }

  /** VisibleString / PrintableString content: one char per byte. */
  String latin1(int i) throws IllCodecException {
    int len = primitive(i, "string");
    return new String(buf, contentStart(i), len, StandardCharsets.ISO_8859_1);
  }

  /** GeneralString content, see {@link Text}. */
  String general(int i) throws IllCodecException {
    int len = primitive(i, "GeneralString");
    return Text.decode(buf, contentStart(i), len);
  }

  /** True when the content of {@code i} is exactly {@code bytes}. */
  boolean contentEquals(int i, byte[] bytes) {
    return java.util.Arrays.equals(buf, contentStart(i), contentStart(i) + contentLength(i),
        bytes, 0, bytes.length);
  }

  static IllCodecException malformed(String msg) {
    return new IllCodecException(Kind.MALFORMED, null, "bad BER: " + msg);
  }
}
