package org.illbridge.console.internal.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** User name and password from an {@code Authorization: Basic ...} header (RFC 7617). */
final class BasicCredentials {

  private final String user;
  private final char[] password;

  private BasicCredentials(String user, char[] password) {
    this.user = user;
    this.password = password;
  }

  String user() {
    return user;
  }

  char[] password() {
    return password;
  }

  /** Overwrites the password in memory once it has been checked. */
  void wipe() {
    Arrays.fill(password, '\0');
  }

  /**
   * Parses the header value.
   *
   * @return the credentials, or {@code null} if the header is absent, not Basic, or malformed
   */
  static BasicCredentials parse(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space <= 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value.substring(space + 1).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    try {
      // Browsers and curl send UTF-8; decode strictly so a garbled header is refused, not guessed.
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded));
      int colon = -1;
      for (int i = chars.position(); i < chars.limit(); i++) {
        if (chars.get(i) == ':') {
          colon = i;
          break;
        }
      }
      if (colon < 0) {
        return null;
      }
      String user = chars.subSequence(0, colon).toString();
      char[] password = new char[chars.limit() - colon - 1];
      chars.position(colon + 1);
      chars.get(password);
      Arrays.fill(chars.array(), '\0');
      return new BasicCredentials(user, password);
    } catch (CharacterCodingException e) {
      return null;
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }
}
