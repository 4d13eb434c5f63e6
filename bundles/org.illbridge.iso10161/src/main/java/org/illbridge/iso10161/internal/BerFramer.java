package org.illbridge.iso10161.internal;

import org.illbridge.api.codec.CodecException.Kind;
import org.illbridge.iso10161.IllCodecException;

/**
 * Finds where one BER TLV ends, without recursion and without allocating: definite and indefinite
 * lengths, nesting depth and the maximum size are checked on the header bytes alone, so a length
 * bomb or a deeply nested input is refused before anything is allocated for it. Hand-written
 * because BouncyCastle's parser recurses (a 1 MiB input of nested tags overflows the stack) and
 * cannot tell "incomplete" from "malformed", which the TCP reader needs.
 */
public final class BerFramer {

  /** Deepest nesting accepted; ILL APDUs nest about 12 levels. */
  public static final int MAX_DEPTH = 48;

  private static final int INDEFINITE = -1;

  private BerFramer() {}

  /**
   * Returns the length of the TLV starting at {@code off}, or -1 when {@code buf[off, end)} holds
   * only a prefix of it.
   *
   * @throws IllCodecException when the bytes cannot be the start of a valid TLV of at most {@code
   *     maxSize} bytes
   */
  public static int frameLength(byte[] buf, int off, int end, int maxSize)
      throws IllCodecException {
    long[] ends = new long[MAX_DEPTH];
    int depth = 0;
    long pos = off;
    while (true) {
      if (pos - off > maxSize) {
        throw tooLarge(maxSize);
      }
      if (depth > 0 && ends[depth - 1] == INDEFINITE) {
        if (pos + 2 > end) {
          return -1;
        }
        if (buf[(int) pos] == 0 && buf[(int) pos + 1] == 0) {
          pos += 2;
          depth--;
          int closed = closeFrames(ends, depth, pos);
          if (closed < 0) {
            return (int) (pos - off);
          }
          depth = closed;
          continue;
        }
      }
      if (pos >= end) {
        return -1;
      }
      int p = (int) pos;
      int first = buf[p++] & 0xff;
      boolean constructed = (first & 0x20) != 0;
      if ((first & 0x1f) == 0x1f) {
        int n = 0;
        while (true) {
          if (p >= end) {
            return -1;
          }
          int b = buf[p++] & 0xff;
          if (++n > 4) {
            throw malformed("tag number too long at offset " + (pos - off));
          }
          if ((b & 0x80) == 0) {
            break;
          }
        }
      } else if (first == 0) {
        throw malformed("unexpected end-of-contents at offset " + (pos - off));
      }
      if (p >= end) {
        return -1;
      }
      int lenByte = buf[p++] & 0xff;
      long len;
      if (lenByte < 0x80) {
        len = lenByte;
      } else if (lenByte == 0x80) {
        if (!constructed) {
          throw malformed("indefinite length on a primitive value at offset " + (pos - off));
        }
        len = INDEFINITE;
      } else {
        int n = lenByte & 0x7f;
        if (n > 4) {
          throw malformed("length field of " + n + " bytes at offset " + (pos - off));
        }
        if (p + n > end) {
          return -1;
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (buf[p++] & 0xff);
        }
      }
      if (len == INDEFINITE) {
        if (depth == MAX_DEPTH) {
          throw malformed("nested deeper than " + MAX_DEPTH + " levels");
        }
        ends[depth++] = INDEFINITE;
        pos = p;
        continue;
      }
      long contentEnd = p + len;
      if (contentEnd - off > maxSize) {
        throw tooLarge(maxSize);
      }
      if (depth > 0 && ends[depth - 1] != INDEFINITE && contentEnd > ends[depth - 1]) {
        throw malformed("value at offset " + (pos - off) + " runs past its enclosing value");
      }
      if (constructed && len > 0) {
        if (depth == MAX_DEPTH) {
          throw malformed("nested deeper than " + MAX_DEPTH + " levels");
        }
        ends[depth++] = contentEnd;
        pos = p;
        continue;
      }
      pos = contentEnd;
      if (pos > end) {
        return -1;
      }
      int closed = closeFrames(ends, depth, pos);
      if (closed < 0) {
        return (int) (pos - off);
      }
      depth = closed;
    }
  }

  /** Pops every definite frame ending at pos; returns the new depth, or -1 when the TLV is done. */
  private static int closeFrames(long[] ends, int depth, long pos) {
    while (depth > 0 && ends[depth - 1] != INDEFINITE && pos == ends[depth - 1]) {
      depth--;
    }
    return depth == 0 ? -1 : depth;
  }

  private static IllCodecException malformed(String msg) {
    return new IllCodecException(Kind.MALFORMED, null, msg);
  }

  private static IllCodecException tooLarge(int maxSize) {
    return new IllCodecException(Kind.MALFORMED, null, "APDU larger than " + maxSize + " bytes");
  }
}
