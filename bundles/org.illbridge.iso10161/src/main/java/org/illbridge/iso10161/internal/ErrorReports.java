package org.illbridge.iso10161.internal;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso10161.*;

/** Builds the Status-Or-Error-Report a responder sends for a refused or undecodable APDU. */
public final class ErrorReports {
  private ErrorReports() {}

  /** An Error-Report for a neutral reason (an {@link InboundResult} constant or an ISO name). */
  public static ErrorReport forReason(String reason, String correlation, ApduType about) {
    IllString corr = IllString.of(correlation == null || correlation.isBlank() ? "unknown"
        : correlation);
    String r = reason == null ? "" : reason;
    ProviderErrorReport p = switch (r) {
      case InboundResult.UNKNOWN_TRANSACTION, "unknown-transaction-id" ->
          new ProviderErrorReport.TransactionIdProblemReport(
              TransactionIdProblem.UNKNOWN_TRANSACTION_ID);
      case "duplicate-transaction-id" -> new ProviderErrorReport.TransactionIdProblemReport(
          TransactionIdProblem.DUPLICATE_TRANSACTION_ID);
      case "invalid-transaction-id" -> new ProviderErrorReport.TransactionIdProblemReport(
          TransactionIdProblem.INVALID_TRANSACTION_ID);
      case InboundResult.UNSUPPORTED, "unrecognized-apdu" ->
          new ProviderErrorReport.General(GeneralProblem.UNRECOGNIZED_APDU);
      case "mistyped-apdu" -> new ProviderErrorReport.General(GeneralProblem.MISTYPED_APDU);
      case "badly-structured-apdu" ->
          new ProviderErrorReport.General(GeneralProblem.BADLY_STRUCTURED_APDU);
      case "protocol-version-not-supported" ->
          new ProviderErrorReport.General(GeneralProblem.PROTOCOL_VERSION_NOT_SUPPORTED);
      case InboundResult.INVALID_STATE, "state-transition-prohibited" ->
          // the engine's verdict does not say which state; the service is known
          new ProviderErrorReport.StateTransitionProhibited(
              about == null ? ApduType.ILL_REQUEST : about, CurrentState.UNKNOWN);
      default -> null;
    };
    if (p != null) {
      return new ErrorReport(corr, ReportSource.PROVIDER, null, p);
    }
    // unknown agency and anything else: the user (responder application) cannot perform it
    return new ErrorReport(corr, ReportSource.USER,
        new UserErrorReport.UnableToPerformReport(UnableToPerform.OTHER), null);
  }

  /** The General-Problem for a codec failure. */
  public static GeneralProblem problemFor(CodecException.Kind kind, String message) {
    if (message != null && message.contains("protocol version")) {
      return GeneralProblem.PROTOCOL_VERSION_NOT_SUPPORTED;
    }
    return switch (kind) {
      case MALFORMED -> GeneralProblem.BADLY_STRUCTURED_APDU;
      case UNSUPPORTED_TYPE -> GeneralProblem.UNRECOGNIZED_APDU;
      case UNRECOGNISED_DATA_ELEMENT, UNRECOGNISED_DATA_VALUE -> GeneralProblem.MISTYPED_APDU;
    };
  }

  /**
   * A complete Status-Or-Error-Report APDU answering {@code about} (may be null when the input
   * could not be decoded at all: the transaction id is then unknown).
   */
  public static StatusOrErrorReport report(IllApdu about, ErrorReport error, String note,
      SystemId self) {
    TransactionId tid = about != null ? about.header().transactionId()
        : new TransactionId(null, IllString.of("unknown"), IllString.of("unknown"), null);
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    ApduHeader h = new ApduHeader(2, tid,
        new ServiceDateTime(new IsoDateTime(IsoDates.format(now.toLocalDate()),
            IsoDates.format(now.toLocalTime().withNano(0))), null),
        about == null ? null : about.header().requesterId(),
        about == null ? self : about.header().responderId());
    String text = note == null ? null : note.strip();
    return new StatusOrErrorReport(h, null, null, error,
        text == null || text.isEmpty() ? null : IllString.of(truncate(text)), null);
  }

  private static String truncate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500);
  }
}
