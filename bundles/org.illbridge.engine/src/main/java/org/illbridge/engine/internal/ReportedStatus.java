package org.illbridge.engine.internal;

import java.util.Locale;
import java.util.Map;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.TransactionState;

/**
 * Reads the state a partner reports in a status report. The neutral field is {@code reason}
 * holding a {@link TransactionState} name (what the engine itself writes); the protocol codecs keep
 * the wire status in their own attributes, which are read as a fallback: ISO 18626 StatusInfo/Status
 * ({@code iso18626.status}) and ISO 10161 Status-Report current-state ({@code
 * iso10161.current-state}).
 */
final class ReportedStatus {
  static final String ATTR_18626_STATUS = "iso18626.status";
  static final String ATTR_10161_CURRENT_STATE = "iso10161.current-state";

  private static final Map<String, TransactionState> ISO18626 = Map.ofEntries(
      Map.entry("requestreceived", TransactionState.REQUESTED),
      Map.entry("expecttosupply", TransactionState.EXPECT_TO_SUPPLY),
      Map.entry("willsupply", TransactionState.WILL_SUPPLY),
      Map.entry("loaned", TransactionState.SHIPPED),
      Map.entry("overdue", TransactionState.OVERDUE),
      Map.entry("recalled", TransactionState.RECALLED),
      Map.entry("retrypossible", TransactionState.RETRY_POSSIBLE),
      Map.entry("unfilled", TransactionState.UNFILLED),
      Map.entry("copycompleted", TransactionState.COPY_COMPLETED),
      Map.entry("loancompleted", TransactionState.LOAN_COMPLETED),
      Map.entry("completedwithoutreturn", TransactionState.COMPLETED_WITHOUT_RETURN),
      Map.entry("cancelled", TransactionState.CANCELLED));

  // ISO 10161 Current-State values as the codec writes them (kebab case).
  private static final Map<String, TransactionState> ISO10161 = Map.ofEntries(
      Map.entry("not-supplied", TransactionState.UNFILLED),
      Map.entry("pending", TransactionState.REQUESTED),
      Map.entry("in-process", TransactionState.REQUESTED),
      Map.entry("forward", TransactionState.REQUESTED),
      Map.entry("conditional", TransactionState.CONDITIONAL),
      Map.entry("cancel-pending", TransactionState.CANCEL_PENDING),
      Map.entry("cancelled", TransactionState.CANCELLED),
      Map.entry("shipped", TransactionState.SHIPPED),
      Map.entry("received", TransactionState.RECEIVED),
      Map.entry("renew-pending", TransactionState.RECEIVED),
      Map.entry("not-received-overdue", TransactionState.OVERDUE),
      Map.entry("renew-overdue", TransactionState.OVERDUE),
      Map.entry("overdue", TransactionState.OVERDUE),
      Map.entry("returned", TransactionState.RETURNED),
      Map.entry("checked-in", TransactionState.LOAN_COMPLETED),
      Map.entry("recall", TransactionState.RECALLED),
      Map.entry("lost", TransactionState.LOST));

  private ReportedStatus() {}

  /** The reported state, or null when the report names none the bridge knows (unknown request). */
  static TransactionState of(IllMessage report) {
    if (report.reason() != null) {
      try {
        return TransactionState.valueOf(report.reason().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // not a neutral state name: look at the protocol's own status below
      }
    }
    String s18626 = report.attributes().get(ATTR_18626_STATUS);
    if (s18626 != null) {
      return ISO18626.get(s18626.trim().toLowerCase(Locale.ROOT));
    }
    String s10161 = report.attributes().get(ATTR_10161_CURRENT_STATE);
    if (s10161 != null) {
      return ISO10161.get(s10161.trim().toLowerCase(Locale.ROOT));
    }
    return null;
  }
}
