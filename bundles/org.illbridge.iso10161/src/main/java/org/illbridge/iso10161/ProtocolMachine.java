package org.illbridge.iso10161;

import java.util.Objects;

/**
 * The ISO 10161 protocol machine for one simple (non-chained, non-partitioned) transaction, as
 * both requester and responder see it: which service is valid in which {@link CurrentState}, and
 * the state it leads to. Derived from the state tables of ISO 10161-1 (clause 8 and annex) for
 * simple transactions; a service that is not valid gets a Status-Or-Error-Report with
 * state-transition-prohibited (see {@link #prohibited}).
 *
 * <p>The machine is the same on both sides because each APDU is sent by exactly one role:
 * the requester's services (ILL-REQUEST, CONDITIONAL-REPLY, CANCEL, RECEIVED, RETURNED, RENEW)
 * and the responder's (FORWARD-NOTIFICATION, SHIPPED, ILL-ANSWER, CANCEL-REPLY, RECALL,
 * CHECKED-IN, OVERDUE, RENEW-ANSWER) drive the states; LOST, DAMAGED, MESSAGE, STATUS-QUERY,
 * STATUS-OR-ERROR-REPORT and EXPIRED may come from either side. Stateless and thread-safe.
 */
public final class ProtocolMachine {

  /**
   * The outcome of applying one APDU.
   *
   * @param valid whether the service is allowed in the state
   * @param next the state after it (the same state when not valid)
   * @param stateBeforeCancel for CANCEL: the state to return to if the cancel is refused
   */
  public record Transition(boolean valid, CurrentState next, CurrentState stateBeforeCancel) {
    static Transition to(CurrentState s) {
      return new Transition(true, s, null);
    }

    static Transition stay(CurrentState s) {
      return new Transition(true, s, null);
    }

    static Transition invalid(CurrentState s) {
      return new Transition(false, s, null);
    }
  }

  private ProtocolMachine() {}

  /**
   * Applies {@code apdu} to a transaction in {@code current} (null: no transaction yet).
   *
   * @param beforeCancel in CANCEL_PENDING, the state the transaction was in when the cancel was
   *     sent (where a refused cancel returns to); ignored otherwise, may be null
   */
  public static Transition apply(CurrentState current, CurrentState beforeCancel, IllApdu apdu) {
    Objects.requireNonNull(apdu, "apdu");
    ApduType t = apdu.type();
    if (current == null) {
      return t == ApduType.ILL_REQUEST ? Transition.to(CurrentState.PENDING)
          : Transition.invalid(CurrentState.UNKNOWN);
    }
    // services that never change the state, valid whenever a transaction exists
    if (t == ApduType.MESSAGE || t == ApduType.STATUS_QUERY
        || t == ApduType.STATUS_OR_ERROR_REPORT) {
      return Transition.stay(current);
    }
    switch (current) {
      case PENDING, IN_PROCESS, FORWARD:
        switch (t) {
          case ILL_ANSWER:
            return Transition.to(afterAnswer(((IllAnswer) apdu).transactionResults()));
          case FORWARD_NOTIFICATION:
            return Transition.to(CurrentState.FORWARD);
          case SHIPPED:
            return Transition.to(CurrentState.SHIPPED);
          case CANCEL:
            return new Transition(true, CurrentState.CANCEL_PENDING, current);
          case EXPIRED:
            return Transition.to(CurrentState.NOT_SUPPLIED);
          default:
            return Transition.invalid(current);
        }
      case CONDITIONAL:
        switch (t) {
          case CONDITIONAL_REPLY:
            return Transition.to(((ConditionalReply) apdu).answer() ? CurrentState.PENDING
                : CurrentState.CANCELLED);
          case CANCEL:
            return new Transition(true, CurrentState.CANCEL_PENDING, current);
          case EXPIRED:
            return Transition.to(CurrentState.NOT_SUPPLIED);
          default:
            return Transition.invalid(current);
        }
      case CANCEL_PENDING:
        switch (t) {
          case CANCEL_REPLY:
            return Transition.to(((CancelReply) apdu).answer() ? CurrentState.CANCELLED
                : beforeCancel == null ? CurrentState.PENDING : beforeCancel);
          // the responder's answer may cross the cancel on the wire
          case SHIPPED:
            return Transition.to(CurrentState.SHIPPED);
          case ILL_ANSWER:
            return Transition.to(afterAnswer(((IllAnswer) apdu).transactionResults()));
          case EXPIRED:
            return Transition.to(CurrentState.NOT_SUPPLIED);
          default:
            return Transition.invalid(current);
        }
      case SHIPPED:
        switch (t) {
          case RECEIVED:
            return Transition.to(CurrentState.RECEIVED);
          case OVERDUE:
            return Transition.to(CurrentState.NOT_RECEIVED_OVERDUE);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case NOT_RECEIVED_OVERDUE:
        switch (t) {
          case RECEIVED:
            return Transition.to(CurrentState.OVERDUE);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case RECEIVED:
        switch (t) {
          case RETURNED:
            return Transition.to(CurrentState.RETURNED);
          case RENEW:
            return Transition.to(CurrentState.RENEW_PENDING);
          case RECALL:
            return Transition.to(CurrentState.RECALL);
          case OVERDUE:
            return Transition.to(CurrentState.OVERDUE);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case RENEW_PENDING:
        switch (t) {
          case RENEW_ANSWER:
            return Transition.to(CurrentState.RECEIVED);
          case RETURNED:
            return Transition.to(CurrentState.RETURNED);
          case RECALL:
            return Transition.to(CurrentState.RECALL);
          case OVERDUE:
            return Transition.to(CurrentState.RENEW_OVERDUE);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case OVERDUE:
        switch (t) {
          case RENEW:
            return Transition.to(CurrentState.RENEW_OVERDUE);
          case RETURNED:
            return Transition.to(CurrentState.RETURNED);
          case RECALL:
            return Transition.to(CurrentState.RECALL);
          case OVERDUE:
            return Transition.stay(current);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case RENEW_OVERDUE:
        switch (t) {
          case RENEW_ANSWER:
            return Transition.to(((RenewAnswer) apdu).answer() ? CurrentState.RECEIVED
                : CurrentState.OVERDUE);
          case RETURNED:
            return Transition.to(CurrentState.RETURNED);
          case RECALL:
            return Transition.to(CurrentState.RECALL);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case RECALL:
        switch (t) {
          case RETURNED:
            return Transition.to(CurrentState.RETURNED);
          case OVERDUE, RECALL, DAMAGED:
            return Transition.stay(current);
          case LOST:
            return Transition.to(CurrentState.LOST);
          default:
            return Transition.invalid(current);
        }
      case RETURNED:
        switch (t) {
          case CHECKED_IN:
            return Transition.to(CurrentState.CHECKED_IN);
          case LOST:
            return Transition.to(CurrentState.LOST);
          case DAMAGED:
            return Transition.stay(current);
          default:
            return Transition.invalid(current);
        }
      case CHECKED_IN:
        return t == ApduType.DAMAGED ? Transition.stay(current) : Transition.invalid(current);
      case NOT_SUPPLIED, CANCELLED, LOST, UNKNOWN:
      default:
        return Transition.invalid(current);
    }
  }

  /** The state an ILL-Answer leads to. */
  public static CurrentState afterAnswer(TransactionResults r) {
    return switch (r) {
      case CONDITIONAL -> CurrentState.CONDITIONAL;
      case WILL_SUPPLY, HOLD_PLACED -> CurrentState.IN_PROCESS;
      case RETRY, UNFILLED, LOCATIONS_PROVIDED, ESTIMATE -> CurrentState.NOT_SUPPLIED;
    };
  }

  /** The error report for a service not valid in {@code current}. */
  public static ErrorReport prohibited(IllApdu apdu, CurrentState current) {
    return new ErrorReport(IllString.of(apdu.header().transactionId().qualifier().value()),
        ReportSource.PROVIDER, null,
        new ProviderErrorReport.StateTransitionProhibited(apdu.type(), current));
  }
}
