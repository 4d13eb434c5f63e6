package org.illbridge.load;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.IllAnswer;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllString;

/**
 * Which transaction and which neutral message type a wire message is, for the taps' timestamps.
 * ISO 10161 is decoded with the project's codec; ISO 18626 is only looked at with three patterns
 * (the tap must stay cheap; the bridge and the simulator parse it for real).
 */
final class Wire {

  /** Bridge transaction key and neutral message type name. */
  record Seen(String key, String type) {}

  private static final Pattern ROOT = Pattern.compile(
      "<(?:[\\w.-]+:)?(request|requestingAgencyMessage|supplyingAgencyMessage)[\\s>/]");
  private static final Pattern REQUEST_ID = Pattern.compile(
      "<(?:[\\w.-]+:)?requestingAgencyRequestId>([^<]+)<");
  private static final Pattern ACTION = Pattern.compile("<(?:[\\w.-]+:)?action>([^<]+)<");
  private static final Pattern STATUS = Pattern.compile("<(?:[\\w.-]+:)?status>([^<]+)<");

  private Wire() {}

  /** The bridge key in a lender-side id {@code <key>-<n>} (the id as it is when there is no suffix). */
  static String bridgeKey(String lenderSideId) {
    return lenderSideId == null ? "?" : lenderSideId.replaceFirst("-\\d+$", "");
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

  static Seen iso18626(byte[] body) {
    String xml = new String(body, StandardCharsets.UTF_8);
    Matcher root = ROOT.matcher(xml);
    Matcher id = REQUEST_ID.matcher(xml);
    String key = id.find() ? bridgeKey(id.group(1).trim()) : "?";
    if (!root.find()) {
      return new Seen(key, "UNREADABLE");
    }
    return switch (root.group(1)) {
      case "request" -> new Seen(key, "REQUEST");
      case "requestingAgencyMessage" -> {
        Matcher a = ACTION.matcher(xml);
        String action = a.find() ? a.group(1).trim() : "?";
        yield new Seen(key, switch (action) {
          case "Received" -> "RECEIVED";
          case "ShippedReturn" -> "RETURNED";
          default -> action;
        });
      }
      default -> {
        Matcher s = STATUS.matcher(xml);
        String status = s.find() ? s.group(1).trim() : "?";
        yield new Seen(key, switch (status) {
          case "WillSupply" -> "WILL_SUPPLY";
          case "Loaned" -> "SHIPPED";
          case "LoanCompleted" -> "CHECKED_IN";
          case "Unfilled" -> "UNFILLED";
          default -> status;
        });
      }
    };
  }
}
