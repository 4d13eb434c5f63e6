package org.illbridge.load;

import java.nio.charset.StandardCharsets;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllAnswer;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllString;

/**
 * Which transaction and which neutral message type a wire message is, for the timestamps taken
 * at the simulated lenders. ISO 10161 is decoded with the project's codec. ISO 18626 is only
 * scanned: the first element inside the root names the message, and the first
 * {@code requestingAgencyRequestId}, {@code action} or {@code status} element gives the rest. The
 * generator shares the server's two cores, so this stays a byte search (hand-written on purpose:
 * an XML parser, or even regular expressions over a decoded String, cost the generator several
 * times more); the bridge and the simulators parse every message for real.
 */
final class Wire {

  /** Bridge transaction key and neutral message type name. */
  record Seen(String key, String type) {}

  private static final byte[] COMMENT_END = {'-', '-', '>'};

  private Wire() {}

  /** The bridge key in a lender-side id {@code <key>-<n>} (the id as it is when there is no suffix). */
  static String bridgeKey(String lenderSideId) {
    if (lenderSideId == null) {
      return "?";
    }
    int dash = lenderSideId.lastIndexOf('-');
    if (dash < 0 || dash == lenderSideId.length() - 1) {
      return lenderSideId;
    }
    for (int i = dash + 1; i < lenderSideId.length(); i++) {
      char c = lenderSideId.charAt(i);
      if (c < '0' || c > '9') {
        return lenderSideId;
      }
    }
    return lenderSideId.substring(0, dash);
  }

  static Seen iso10161(BerCodec codec, byte[] apdu) {
    try {
      IllApdu a = codec.decode(apdu);
      String id = IllString.text(a.header().transactionId().qualifier());
      String type = switch (a.type()) {
        case ILL_REQUEST -> "REQUEST";
        case ILL_ANSWER -> ((IllAnswer) a).transactionResults().name();
        default -> a.type().name();
      };
      return new Seen(bridgeKey(id), type);
    } catch (IllCodecException | RuntimeException e) {
      return new Seen("?", "UNREADABLE");
    }
  }

  static Seen iso18626(byte[] xml) {
    String id = text(xml, "requestingAgencyRequestId");
    String key = id == null ? "?" : bridgeKey(id);
    String message = messageElement(xml);
    if (message == null) {
      return new Seen(key, "UNREADABLE");
    }
    return switch (message) {
      case "request" -> new Seen(key, "REQUEST");
      case "requestingAgencyMessage" -> {
        String action = text(xml, "action");
        yield new Seen(key, action == null ? "?" : switch (action) {
          case "Received" -> "RECEIVED";
          case "ShippedReturn" -> "RETURNED";
          default -> action;
        });
      }
      case "supplyingAgencyMessage" -> {
        String status = text(xml, "status");
        yield new Seen(key, status == null ? "?" : switch (status) {
          case "WillSupply" -> "WILL_SUPPLY";
          case "Loaned" -> "SHIPPED";
          case "LoanCompleted" -> "CHECKED_IN";
          case "Unfilled" -> "UNFILLED";
          default -> status;
        });
      }
      default -> new Seen(key, "UNREADABLE");
    };
  }

  /**
   * The local name of the second start tag (the first inside the root), skipping the XML
   * declaration, processing instructions and comments; null when there is none.
   */
  static String messageElement(byte[] xml) {
    int seen = 0;
    for (int i = 0; i < xml.length - 1; i++) {
      if (xml[i] != '<') {
        continue;
      }
      byte next = xml[i + 1];
      if (next == '!' && i + 3 < xml.length && xml[i + 2] == '-' && xml[i + 3] == '-') {
        int close = indexOf(xml, COMMENT_END, i + 4);
        if (close < 0) {
          return null;
        }
        i = close + 2;
        continue;
      }
      if (next == '?' || next == '!' || next == '/') {
        continue;
      }
      int end = i + 1;
      while (end < xml.length && !isNameEnd(xml[end])) {
        end++;
      }
      if (end == xml.length || end == i + 1) {
        return null;
      }
      if (++seen == 2) {
        int start = i + 1;
        for (int j = start; j < end; j++) {
          if (xml[j] == ':') {
            start = j + 1;
          }
        }
        return new String(xml, start, end - start, StandardCharsets.UTF_8);
      }
      i = end - 1;
    }
    return null;
  }

  /**
   * The trimmed text of the first element with this local name (any prefix, or none): the bytes
   * between {@code <name>} or {@code <p:name>} and the next {@code <}; null when there is none.
   */
  static String text(byte[] xml, String localName) {
    byte[] name = localName.getBytes(StandardCharsets.US_ASCII);
    int from = 0;
    while (true) {
      int at = indexOf(xml, name, from);
      if (at < 0) {
        return null;
      }
      int after = at + name.length;
      from = at + 1;
      if (after >= xml.length || xml[after] != '>' || !opensHere(xml, at)) {
        continue;
      }
      int close = after + 1;
      while (close < xml.length && xml[close] != '<') {
        close++;
      }
      if (close == xml.length) {
        return null;
      }
      return new String(xml, after + 1, close - after - 1, StandardCharsets.UTF_8).trim();
    }
  }

  /** Whether the name found at {@code at} follows {@code <} or {@code <prefix:} (a start tag). */
  private static boolean opensHere(byte[] xml, int at) {
    if (at < 1) {
      return false;
    }
    if (xml[at - 1] == '<') {
      return true;
    }
    if (xml[at - 1] != ':') {
      return false;
    }
    for (int j = at - 2; j >= 0; j--) {
      byte c = xml[j];
      if (c == '<') {
        return true;
      }
      if (c == '/' || isNameEnd(c)) {
        return false; // an end tag, or not a tag
      }
    }
    return false;
  }

  private static boolean isNameEnd(byte c) {
    return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r';
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    byte first = needle[0];
    int last = hay.length - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (hay[i] != first) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
