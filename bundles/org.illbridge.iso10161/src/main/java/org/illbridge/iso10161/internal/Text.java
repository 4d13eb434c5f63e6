package org.illbridge.iso10161.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Character handling for GeneralString. ISO 10161 allows any ISO-registered character set in a
 * GeneralString; in practice peers send ASCII, UTF-8 (YAZ passes bytes through) or Latin-1. We
 * read UTF-8 when the bytes are valid UTF-8 and Latin-1 otherwise, and always write UTF-8.
 */
final class Text {
  private Text() {}

  static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  static String decode(byte[] bytes, int off, int len) {
    // the JDK's own (vectorised) decoder; one char per byte and no replacement char means every
    // byte was ASCII (a multi-byte sequence gives fewer chars, a bad byte gives U+FFFD)
    String s = new String(bytes, off, len, StandardCharsets.UTF_8);
    if (s.length() == len && s.indexOf('\uFFFD') < 0) {
      return s;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, off, len, StandardCharsets.ISO_8859_1);
    }
  }

  static byte[] encode(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
