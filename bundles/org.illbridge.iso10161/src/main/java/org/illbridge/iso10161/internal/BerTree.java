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
 * <p>The framing is checked as {@link BerFramer} checks it (lengths within their parent and
 * within the buffer, nesting depth, end-of-contents only where an indefinite length ends, nothing
 * after the value); the caller has checked the size limit on the buffer. Anything wrong is an
 * {@link IllCodecException} of kind MALFORMED; the caller may ask the framer for its words.
 * Memory: 20 bytes per TLV (the index doubles when it fills), so for hostile input made of
 * empty two-byte TLVs up to about twenty times the input; BouncyCastle's object tree took more.
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

  // one node = 5 ints: tag word, TLV start, content start, content end, subtree end (the index
  // after its last descendant). Tag word: class (2 bits), constructed, indefinite, tag number.
  private static final int TAG = 0;
  private static final int START = 1;
  private static final int CS = 2;
  private static final int CE = 3;
  private static final int SUB = 4;
  private static final int STRIDE = 5;
  private static final int CONSTRUCTED_BIT = 1 << 29;
  private static final int INDEFINITE_BIT = 1 << 28;
  private static final int TAG_NO_MASK = INDEFINITE_BIT - 1;
  /**
   * Universal tags below 31 that {@link #universal} must look at: bit t for primitive tag t, bit
   * 32 + t for constructed tag t. Strings, OIDs and constructed SEQUENCE / SET / EXTERNAL / BIT
   * and OCTET STRING need nothing.
   */
  private static final long UNIVERSAL_CHECKED = checkedTags();

  final byte[] buf;
  private final int[] n;

  /** Indexes the one TLV that {@code buf[0, end)} holds exactly. */
  BerTree(byte[] buf, int end) throws IllCodecException {
    this.buf = buf;
    // about 6 bytes per TLV in real APDUs; grown when needed
    int[] n = new int[Math.min(end / 5 + 8, 4096) * STRIDE];
    // open constructed nodes: their index; a definite one's content end is in n[.. + CE]
    int[] stack = new int[BerFramer.MAX_DEPTH + 1];
    int[] ends = new int[BerFramer.MAX_DEPTH + 1];
    int depth = 0;
    int pos = 0;
    int count = 0;
    do {
      // ---- header at pos
      int start = pos;
      if (pos >= end) {
        throw truncated();
      }
      int first = buf[pos++] & 0xff;
      int tagNo = first & 0x1f;
      if (tagNo == 0x1f) {
        tagNo = highTag(buf, start, end);
        pos += tagBytes(buf, start + 1);
      } else if (first == 0) {
        throw malformed("unexpected end-of-contents at offset " + start);
      }
      if (pos >= end) {
        throw truncated();
      }
      boolean constructed = (first & 0x20) != 0;
      int lenByte = buf[pos++] & 0xff;
      int ce;
      if (lenByte < 0x80) {
        ce = pos + lenByte;
      } else if (lenByte == 0x80) {
        if (!constructed) {
          throw malformed("indefinite length on a primitive value at offset " + start);
        }
        ce = -1;
      } else {
        int k = lenByte & 0x7f;
        if (k > 4 || pos + k > end) {
          throw malformed("bad length at offset " + start);
        }
        long len = 0;
        for (int j = 0; j < k; j++) {
          len = (len << 8) | (buf[pos++] & 0xff);
        }
        if (len > end - pos) {
          throw pastEnd(start);
        }
        ce = pos + (int) len;
      }
      if (ce > end) {
        throw pastEnd(start);
      }
      if (depth > 0) {
        int parentEnd = ends[depth - 1];
        if (parentEnd >= 0 && ce > parentEnd) {
          throw malformed("value at offset " + start + " runs past its enclosing value");
        }
      }
      if (first < 0x40 && (tagNo > 30
          || (UNIVERSAL_CHECKED >>> (tagNo + (first & 0x20)) & 1) != 0)) {
        universal(first, tagNo, pos, ce);
      }
      // ---- the node
      int i = count++;
      int b = i * STRIDE;
      if (b + STRIDE > n.length) {
        n = java.util.Arrays.copyOf(n, n.length * 2);
      }
      n[b + TAG] = (first >>> 6) << 30 | (constructed ? CONSTRUCTED_BIT : 0)
          | (ce < 0 ? INDEFINITE_BIT : 0) | tagNo;
      n[b + START] = start;
      n[b + CS] = pos;
      n[b + CE] = ce;
      if (constructed && ce != pos) {
        if (depth == BerFramer.MAX_DEPTH) {
          throw malformed("nested deeper than " + BerFramer.MAX_DEPTH + " levels");
        }
        ends[depth] = ce;
        stack[depth++] = i;
      } else {
        n[b + SUB] = count;
        pos = ce;
      }
      // ---- close every node that ends here
      while (depth > 0) {
        int top = ends[depth - 1];
        if (top < 0) {
          if (pos + 1 < end && buf[pos] == 0 && buf[pos + 1] == 0) {
            n[stack[depth - 1] * STRIDE + CE] = pos;
            pos += 2;
          } else {
            break;
          }
        } else if (pos != top) {
          if (pos > top) {
            throw malformed("value ending at offset " + pos + " runs past its enclosing value");
          }
          break;
        }
        n[stack[depth - 1] * STRIDE + SUB] = count;
        depth--;
      }
    } while (depth > 0);
    if (pos != end) {
      throw malformed((end - pos) + " bytes after the end of the APDU");
    }
    this.n = n;
  }

  private static long checkedTags() {
    long m = 0;
    for (int t = 0; t < 31; t++) {
      boolean primitiveFree = t == 3 || t == 4 || t == 6 || t == 7 || t == 12 || t == 13
          || t >= 18 && t <= 28 || t == 30;
      if (!primitiveFree) {
        m |= 1L << t;
      }
      if (t != 3 && t != 4 && t != 8 && t != 16 && t != 17) {
        m |= 1L << (32 + t);
      }
    }
    return m;
  }

  /** A high tag number (after the first octet at start): at most 4 octets, minimal, >= 31. */
  private static int highTag(byte[] buf, int start, int end) throws IllCodecException {
    int p = start + 1;
    int tagNo = 0;
    for (int k = 0; ; k++) {
      if (p >= end || k == 4) {
        throw malformed("bad tag number at offset " + start);
      }
      int b = buf[p++] & 0xff;
      if (k == 0 && b == 0x80) {
        throw malformed("tag number not minimally encoded at offset " + start);
      }
      tagNo = (tagNo << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (tagNo < 31) {
      throw malformed("high tag number < 31 at offset " + start);
    }
    return tagNo;
  }

  /** Octets of a high tag number already checked by {@link #highTag}. */
  private static int tagBytes(byte[] buf, int p) {
    int k = 1;
    while ((buf[p++] & 0x80) != 0) {
      k++;
    }
    return k;
  }

  private static IllCodecException truncated() {
    return malformed("truncated APDU");
  }

  private static IllCodecException pastEnd(int start) {
    return malformed("value at offset " + start + " runs past the end of the APDU");
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
    return (n[i * STRIDE + TAG] & ~(CONSTRUCTED_BIT | INDEFINITE_BIT)) == tagNo;
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
    int b = i * STRIDE;
    int end = n[b + CE] + ((n[b + TAG] & INDEFINITE_BIT) != 0 ? 2 : 0);
    return java.util.Arrays.copyOfRange(buf, n[b + START], end);
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
    if ((n[i * STRIDE + TAG] & ~INDEFINITE_BIT) != (CONSTRUCTED_BIT | SEQUENCE)) {
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
