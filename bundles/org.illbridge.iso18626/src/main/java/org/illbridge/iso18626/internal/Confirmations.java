package org.illbridge.iso18626.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.illbridge.iso18626.*;

/** Builds the confirmation that answers a message: OK, or ERROR with one ErrorData. */
public final class Confirmations {

  private Confirmations() {}

  /** The confirmation for a message that was read; {@code errorType} null means OK. */
  public static Iso18626Message confirm(Iso18626Message received, ErrorType errorType, String errorValue) {
    Header h = headerOf(received);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    ConfirmationHeader ch = new ConfirmationHeader(
        h == null ? null : h.supplyingAgencyId(), h == null ? null : h.requestingAgencyId(), now,
        h == null ? null : h.requestingAgencyRequestId(), h == null ? null : h.multipleItemRequestId(),
        h == null || h.timestamp() == null ? now : h.timestamp(),
        errorType == null ? MessageStatus.OK : MessageStatus.ERROR);
    List<ErrorData> errors = errorType == null ? List.of() : List.of(new ErrorData(errorType, shorten(errorValue)));
    if (received instanceof SupplyingAgencyMessage s) {
      return new SupplyingAgencyMessageConfirmation(ch, s.messageInfo() == null ? null : s.messageInfo().reasonForMessage(), errors);
    }
    if (received instanceof RequestingAgencyMessage r) {
      return new RequestingAgencyMessageConfirmation(ch, r.action(), errors);
    }
    return new RequestConfirmation(ch, errors);
  }

  /** The ERROR confirmation for bytes that could not be read; the kind follows {@code messageElement} when known. */
  public static Iso18626Message unreadable(String messageElement, ErrorType errorType, String errorValue) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    ConfirmationHeader ch = new ConfirmationHeader(null, null, now, null, null, now, MessageStatus.ERROR);
    List<ErrorData> errors = List.of(new ErrorData(errorType, shorten(errorValue)));
    if ("supplyingAgencyMessage".equals(messageElement)) {
      return new SupplyingAgencyMessageConfirmation(ch, null, errors);
    }
    if ("requestingAgencyMessage".equals(messageElement)) {
      return new RequestingAgencyMessageConfirmation(ch, null, errors);
    }
    return new RequestConfirmation(ch, errors);
  }

  /** Bytes of an ERROR confirmation for unreadable input. */
  public static byte[] error(String messageElement, ErrorType errorType, String errorValue, Iso18626Version version)
      throws Iso18626CodecException {
    return new Iso18626Codec(Iso18626Codec.Options.strictDefaults())
        .write(unreadable(messageElement, errorType, errorValue), version);
  }

  private static Header headerOf(Iso18626Message m) {
    if (m instanceof Request r) {
      return r.header();
    }
    if (m instanceof SupplyingAgencyMessage s) {
      return s.header();
    }
    if (m instanceof RequestingAgencyMessage q) {
      return q.header();
    }
    return null;
  }

  private static String shorten(String s) {
    if (s == null) {
      return null;
    }
    return s.length() > 500 ? s.substring(0, 500) + "..." : s;
  }
}
