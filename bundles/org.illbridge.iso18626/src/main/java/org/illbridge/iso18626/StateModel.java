package org.illbridge.iso18626;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ISO 18626 transaction state model shared by requester and supplier, table-driven.
 *
 * <p>The state of one request is the supplier's last {@link Status} plus whether a Cancel or a
 * Renew from the requester is waiting for its answer. Two tables decide everything:
 *
 * <ul>
 *   <li>{@link #nextStatuses(Status)}: the statuses a supplier may move to from a status
 *       (repeating the current status is always allowed: status-request responses and
 *       notifications report it again);
 *   <li>{@link #allowedActions(Status)}: the actions a requester may send in a status.
 * </ul>
 *
 * <p>On top of the tables: a CancelResponse needs a pending Cancel and answers it (Y means status
 * Cancelled); a RenewResponse needs a pending Renew (Y means status Loaned with the new due date);
 * Cancelled is reached only through a CancelResponse. Terminal statuses (Unfilled, RetryPossible,
 * CopyCompleted, LoanCompleted, CompletedWithoutReturn, Cancelled) take no new status; a retry is a
 * new Request. The same tables serve both sides: the requester checks what it receives from the
 * supplier with {@link #onSupplierMessage}, the supplier checks what it receives with {@link
 * #onRequesterAction}. The README of the bundle shows the tables.
 */
public final class StateModel {

  /**
   * Where a request stands.
   *
   * @param status the supplier's last status (RequestReceived right after the Request was confirmed)
   * @param cancelPending a Cancel was sent and not yet answered
   * @param renewPending a Renew was sent and not yet answered
   */
  public record State(Status status, boolean cancelPending, boolean renewPending) {
    public State {
      Objects.requireNonNull(status, "status");
    }

    /** The state right after a Request was confirmed. */
    public static State initial() {
      return new State(Status.REQUEST_RECEIVED, false, false);
    }

    public boolean isTerminal() {
      return StateModel.isTerminal(status);
    }
  }

  /** The verdict on one message: valid with the state that follows, or invalid with the reason. */
  public record Result(boolean valid, State next, String reason) {
    static Result ok(State next) {
      return new Result(true, next, null);
    }

    static Result invalid(State unchanged, String reason) {
      return new Result(false, unchanged, reason);
    }
  }

  private static final Set<Status> TERMINAL = Collections.unmodifiableSet(EnumSet.of(Status.UNFILLED,
      Status.RETRY_POSSIBLE, Status.COPY_COMPLETED, Status.LOAN_COMPLETED, Status.COMPLETED_WITHOUT_RETURN,
      Status.CANCELLED));

  private static final Map<Status, Set<Status>> NEXT = new EnumMap<>(Status.class);
  private static final Map<Status, Set<Action>> ACTIONS = new EnumMap<>(Status.class);

  static {
    Set<Status> answers = EnumSet.of(Status.EXPECT_TO_SUPPLY, Status.WILL_SUPPLY, Status.LOANED,
        Status.COPY_COMPLETED, Status.RETRY_POSSIBLE, Status.UNFILLED, Status.CANCELLED);
    Set<Status> onLoan = EnumSet.of(Status.LOANED, Status.OVERDUE, Status.RECALLED, Status.HOLD_RETURN,
        Status.LOAN_COMPLETED, Status.COMPLETED_WITHOUT_RETURN);
    NEXT.put(Status.REQUEST_RECEIVED, answers);
    NEXT.put(Status.EXPECT_TO_SUPPLY, EnumSet.of(Status.WILL_SUPPLY, Status.LOANED, Status.COPY_COMPLETED,
        Status.RETRY_POSSIBLE, Status.UNFILLED, Status.CANCELLED));
    NEXT.put(Status.WILL_SUPPLY, EnumSet.of(Status.LOANED, Status.COPY_COMPLETED, Status.RETRY_POSSIBLE,
        Status.UNFILLED, Status.CANCELLED));
    NEXT.put(Status.LOANED, onLoan);
    NEXT.put(Status.OVERDUE, onLoan);
    NEXT.put(Status.RECALLED, EnumSet.of(Status.LOANED, Status.OVERDUE, Status.HOLD_RETURN, Status.LOAN_COMPLETED,
        Status.COMPLETED_WITHOUT_RETURN));
    NEXT.put(Status.HOLD_RETURN, EnumSet.of(Status.RELEASE_HOLD_RETURN, Status.LOAN_COMPLETED,
        Status.COMPLETED_WITHOUT_RETURN));
    NEXT.put(Status.RELEASE_HOLD_RETURN, EnumSet.of(Status.LOAN_COMPLETED, Status.OVERDUE,
        Status.COMPLETED_WITHOUT_RETURN));
    for (Status t : TERMINAL) {
      NEXT.put(t, EnumSet.noneOf(Status.class));
    }

    Set<Action> always = EnumSet.of(Action.STATUS_REQUEST, Action.NOTIFICATION);
    Set<Action> beforeShipping = union(always, Action.CANCEL);
    Set<Action> loan = union(always, Action.RECEIVED, Action.RENEW, Action.SHIPPED_RETURN, Action.SHIPPED_FORWARD,
        Action.HOLD_RETURN, Action.LOST);
    ACTIONS.put(Status.REQUEST_RECEIVED, beforeShipping);
    ACTIONS.put(Status.EXPECT_TO_SUPPLY, beforeShipping);
    ACTIONS.put(Status.WILL_SUPPLY, beforeShipping);
    ACTIONS.put(Status.LOANED, loan);
    ACTIONS.put(Status.OVERDUE, loan);
    ACTIONS.put(Status.RECALLED, union(always, Action.RECEIVED, Action.SHIPPED_RETURN, Action.SHIPPED_FORWARD,
        Action.LOST));
    ACTIONS.put(Status.HOLD_RETURN, union(always, Action.RECEIVED, Action.LOST));
    ACTIONS.put(Status.RELEASE_HOLD_RETURN, union(always, Action.SHIPPED_RETURN, Action.SHIPPED_FORWARD, Action.LOST));
    ACTIONS.put(Status.COPY_COMPLETED, union(always, Action.RECEIVED));
    for (Status t : TERMINAL) {
      ACTIONS.putIfAbsent(t, always);
    }
  }

  private static Set<Action> union(Set<Action> base, Action... more) {
    EnumSet<Action> s = EnumSet.copyOf(base);
    Collections.addAll(s, more);
    return s;
  }

  private StateModel() {}

  /** True when no new status may follow. */
  public static boolean isTerminal(Status status) {
    return TERMINAL.contains(status);
  }

  /** Statuses a supplier may move to from {@code from} (not counting repeating {@code from}). */
  public static Set<Status> nextStatuses(Status from) {
    return Collections.unmodifiableSet(NEXT.get(from));
  }

  /** Actions a requester may send while the supplier's status is {@code status}. */
  public static Set<Action> allowedActions(Status status) {
    return Collections.unmodifiableSet(ACTIONS.get(status));
  }

  /** Checks a requester action against the state and returns the state after it. */
  public static Result onRequesterAction(State state, Action action) {
    if (!ACTIONS.get(state.status()).contains(action)) {
      return Result.invalid(state, "action " + action.code() + " is not allowed in status " + state.status().code());
    }
    return switch (action) {
      case CANCEL -> state.cancelPending()
          ? Result.invalid(state, "a Cancel is already waiting for its answer")
          : Result.ok(new State(state.status(), true, state.renewPending()));
      case RENEW -> state.renewPending()
          ? Result.invalid(state, "a Renew is already waiting for its answer")
          : Result.ok(new State(state.status(), state.cancelPending(), true));
      default -> Result.ok(state);
    };
  }

  /** Checks a supplier message (reason, new status, yes/no answer) against the state. */
  public static Result onSupplierMessage(State state, ReasonForMessage reason, Status status, YesNo answer) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(status, "status");
    Status from = state.status();
    boolean same = status == from;
    boolean moves = NEXT.get(from).contains(status);
    switch (reason) {
      case CANCEL_RESPONSE -> {
        if (!state.cancelPending()) {
          return Result.invalid(state, "CancelResponse without a pending Cancel");
        }
        if (answer == YesNo.Y && status != Status.CANCELLED) {
          return Result.invalid(state, "a cancel accepted must have status Cancelled, not " + status.code());
        }
        if (answer != YesNo.Y && status == Status.CANCELLED) {
          return Result.invalid(state, "a cancel refused cannot have status Cancelled");
        }
        if (!same && !moves) {
          return Result.invalid(state, transition(from, status));
        }
        return Result.ok(new State(status, false, state.renewPending()));
      }
      case RENEW_RESPONSE -> {
        if (!state.renewPending()) {
          return Result.invalid(state, "RenewResponse without a pending Renew");
        }
        if (answer == YesNo.Y && status != Status.LOANED) {
          return Result.invalid(state, "a renewal granted must have status Loaned, not " + status.code());
        }
        if (!same && !moves && !(answer == YesNo.Y && from == Status.OVERDUE)) {
          return Result.invalid(state, transition(from, status));
        }
        return Result.ok(new State(status, state.cancelPending(), false));
      }
      default -> {
        if (status == Status.CANCELLED && !same) {
          return Result.invalid(state, "status Cancelled is only given in a CancelResponse");
        }
        if (!same && !moves) {
          return Result.invalid(state, transition(from, status));
        }
        return Result.ok(new State(status, state.cancelPending(), state.renewPending()));
      }
    }
  }

  private static String transition(Status from, Status to) {
    return "status cannot change from " + from.code() + " to " + to.code();
  }
}
