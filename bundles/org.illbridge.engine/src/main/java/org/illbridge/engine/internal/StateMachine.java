package org.illbridge.engine.internal;

import static org.illbridge.api.model.TransactionState.CANCELLED;
import static org.illbridge.api.model.TransactionState.CANCEL_PENDING;
import static org.illbridge.api.model.TransactionState.COMPLETED_WITHOUT_RETURN;
import static org.illbridge.api.model.TransactionState.CONDITIONAL;
import static org.illbridge.api.model.TransactionState.COPY_COMPLETED;
import static org.illbridge.api.model.TransactionState.EXPECT_TO_SUPPLY;
import static org.illbridge.api.model.TransactionState.LOAN_COMPLETED;
import static org.illbridge.api.model.TransactionState.LOST;
import static org.illbridge.api.model.TransactionState.NEW;
import static org.illbridge.api.model.TransactionState.OVERDUE;
import static org.illbridge.api.model.TransactionState.RECALLED;
import static org.illbridge.api.model.TransactionState.RECEIVED;
import static org.illbridge.api.model.TransactionState.REQUESTED;
import static org.illbridge.api.model.TransactionState.RETRY_POSSIBLE;
import static org.illbridge.api.model.TransactionState.RETURNED;
import static org.illbridge.api.model.TransactionState.SHIPPED;
import static org.illbridge.api.model.TransactionState.WILL_SUPPLY;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;

/**
 * The neutral transaction state machine, as one table: for each message type and the side that
 * sends it, the states in which it is valid, the state it leads to and what the engine does with
 * it. The README's mapping table is this table in prose. Protocol codecs map their own services
 * and statuses onto the neutral {@link MessageType}s; only this class decides validity.
 */
public final class StateMachine {

  /** What the engine does with an accepted message besides changing the state. */
  public enum Effect {
    /** Pass it on to the other side of the transaction. */
    FORWARD,
    /** The current lender cannot supply: ask the next lender in the rota (or tell the requester). */
    NEXT_LENDER,
    /** Answer the sender with the bridge's own view of the transaction (a status report). */
    ANSWER_STATUS,
    /** A lender's answer to the bridge's status query: resolved by the rota. */
    STATUS_ANSWER,
    /** Stored and shown only. */
    RECORD
  }

  /** How the next state is chosen. */
  @FunctionalInterface
  interface Next {
    TransactionState next(TransactionState current, IllMessage message);

    static Next to(TransactionState state) {
      return (current, message) -> state;
    }

    static Next keep() {
      return (current, message) -> current;
    }

    /** Yes/no answers (Cancel-Reply, Conditional reply, Renew-Answer); null counts as yes. */
    static Next byAnswer(Next yes, Next no) {
      return (current, message) ->
          Boolean.FALSE.equals(message.answer()) ? no.next(current, message) : yes.next(current, message);
    }
  }

  /** One row of the table. */
  record Rule(MessageType type, Role from, Set<TransactionState> validIn, Next next, Effect effect) {}

  /** The outcome of applying a valid message. */
  public record Transition(TransactionState next, Effect effect) {}

  /** States in which the current lender has not yet supplied: the rota and its timers apply. */
  public static final Set<TransactionState> AWAITING_SUPPLY =
      Collections.unmodifiableSet(
          EnumSet.of(REQUESTED, EXPECT_TO_SUPPLY, WILL_SUPPLY, CONDITIONAL, RETRY_POSSIBLE));

  private static final Set<TransactionState> PENDING_OR_CANCELLING = union(AWAITING_SUPPLY, EnumSet.of(CANCEL_PENDING));
  private static final Set<TransactionState> ON_LOAN = EnumSet.of(SHIPPED, RECEIVED, OVERDUE, RECALLED);
  private static final Set<TransactionState> OPEN = openStates();
  private static final Set<TransactionState> ANY = EnumSet.allOf(TransactionState.class);

  private static final List<Rule> RULES =
      List.of(
          // --- from the supplier (lender) ---------------------------------------------------
          new Rule(MessageType.EXPECT_TO_SUPPLY, Role.SUPPLIER, AWAITING_SUPPLY, Next.to(EXPECT_TO_SUPPLY), Effect.FORWARD),
          new Rule(MessageType.WILL_SUPPLY, Role.SUPPLIER, AWAITING_SUPPLY, Next.to(WILL_SUPPLY), Effect.FORWARD),
          new Rule(MessageType.CONDITIONAL, Role.SUPPLIER, AWAITING_SUPPLY, Next.to(CONDITIONAL), Effect.FORWARD),
          new Rule(MessageType.RETRY_POSSIBLE, Role.SUPPLIER, AWAITING_SUPPLY, Next.to(RETRY_POSSIBLE), Effect.FORWARD),
          new Rule(MessageType.FORWARD_NOTIFICATION, Role.SUPPLIER, AWAITING_SUPPLY, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.LOCATIONS_PROVIDED, Role.SUPPLIER, AWAITING_SUPPLY, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.ESTIMATE, Role.SUPPLIER, AWAITING_SUPPLY, Next.keep(), Effect.FORWARD),
          // A copy is complete once sent (ISO 18626 CopyCompleted); a loan goes on.
          new Rule(MessageType.SHIPPED, Role.SUPPLIER, PENDING_OR_CANCELLING,
              (current, m) -> m.serviceType() == ServiceType.COPY ? COPY_COMPLETED : SHIPPED, Effect.FORWARD),
          // Unfilled and Expired do not reach the requester while other lenders remain.
          new Rule(MessageType.UNFILLED, Role.SUPPLIER, PENDING_OR_CANCELLING, Next.keep(), Effect.NEXT_LENDER),
          new Rule(MessageType.EXPIRED, Role.SUPPLIER, PENDING_OR_CANCELLING, Next.keep(), Effect.NEXT_LENDER),
          // A refused cancel leaves the lender working on it.
          new Rule(MessageType.CANCEL_REPLY, Role.SUPPLIER, EnumSet.of(CANCEL_PENDING),
              Next.byAnswer(Next.to(CANCELLED), Next.to(REQUESTED)), Effect.FORWARD),
          new Rule(MessageType.RECALL, Role.SUPPLIER, ON_LOAN, Next.to(RECALLED), Effect.FORWARD),
          new Rule(MessageType.OVERDUE, Role.SUPPLIER, ON_LOAN, Next.to(OVERDUE), Effect.FORWARD),
          new Rule(MessageType.RENEW_ANSWER, Role.SUPPLIER, ON_LOAN,
              Next.byAnswer((c, m) -> c == OVERDUE ? RECEIVED : c, Next.keep()), Effect.FORWARD),
          new Rule(MessageType.CHECKED_IN, Role.SUPPLIER, union(ON_LOAN, EnumSet.of(RETURNED)), Next.to(LOAN_COMPLETED), Effect.FORWARD),
          new Rule(MessageType.COMPLETED_WITHOUT_RETURN, Role.SUPPLIER, ON_LOAN, Next.to(COMPLETED_WITHOUT_RETURN), Effect.FORWARD),
          new Rule(MessageType.STATUS_QUERY, Role.SUPPLIER, ANY, Next.keep(), Effect.ANSWER_STATUS),
          new Rule(MessageType.STATUS_REPORT, Role.SUPPLIER, ANY, Next.keep(), Effect.STATUS_ANSWER),
          // --- from the requester (the home system or an ISO borrower) ------------------------
          new Rule(MessageType.CANCEL, Role.REQUESTER, AWAITING_SUPPLY, Next.to(CANCEL_PENDING), Effect.FORWARD),
          new Rule(MessageType.CANCEL, Role.REQUESTER, EnumSet.of(NEW), Next.to(CANCELLED), Effect.RECORD),
          new Rule(MessageType.CONDITIONAL_REPLY, Role.REQUESTER, EnumSet.of(CONDITIONAL),
              Next.byAnswer(Next.to(WILL_SUPPLY), Next.to(CANCELLED)), Effect.FORWARD),
          // Received is valid before Shipped: Shipped messages get lost (seed 000) and Relais never
          // sends one for copies.
          new Rule(MessageType.RECEIVED, Role.REQUESTER, union(AWAITING_SUPPLY, EnumSet.of(SHIPPED, OVERDUE, RECALLED)),
              Next.to(RECEIVED), Effect.FORWARD),
          new Rule(MessageType.RETURNED, Role.REQUESTER, ON_LOAN, Next.to(RETURNED), Effect.FORWARD),
          new Rule(MessageType.RENEW, Role.REQUESTER, ON_LOAN, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.STATUS_QUERY, Role.REQUESTER, ANY, Next.keep(), Effect.ANSWER_STATUS),
          new Rule(MessageType.STATUS_REPORT, Role.REQUESTER, ANY, Next.keep(), Effect.RECORD),
          // --- from either side ----------------------------------------------------------------
          new Rule(MessageType.LOST, Role.SUPPLIER, union(ON_LOAN, EnumSet.of(RETURNED)), Next.to(LOST), Effect.FORWARD),
          new Rule(MessageType.LOST, Role.REQUESTER, ON_LOAN, Next.to(LOST), Effect.FORWARD),
          new Rule(MessageType.DAMAGED, Role.SUPPLIER, union(ON_LOAN, EnumSet.of(RETURNED)), Next.keep(), Effect.FORWARD),
          new Rule(MessageType.DAMAGED, Role.REQUESTER, ON_LOAN, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.NOTE, Role.SUPPLIER, OPEN, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.NOTE, Role.REQUESTER, OPEN, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.ERROR_REPORT, Role.SUPPLIER, ANY, Next.keep(), Effect.FORWARD),
          new Rule(MessageType.ERROR_REPORT, Role.REQUESTER, ANY, Next.keep(), Effect.FORWARD));

  private static final Map<MessageType, Map<Role, List<Rule>>> INDEX = index();

  private StateMachine() {}

  /**
   * The transition a message causes, or empty when the message is not valid in {@code current}
   * for a sender on side {@code from}. REQUEST is never valid here: it creates a transaction.
   */
  public static Optional<Transition> apply(TransactionState current, Role from, IllMessage message) {
    Map<Role, List<Rule>> byRole = INDEX.get(message.type());
    if (byRole == null) {
      return Optional.empty();
    }
    for (Rule rule : byRole.getOrDefault(from, List.of())) {
      if (rule.validIn().contains(current)) {
        return Optional.of(new Transition(rule.next().next(current, message), rule.effect()));
      }
    }
    return Optional.empty();
  }

  /** True when {@code type} sent by side {@code from} is valid in {@code current}. */
  public static boolean isValid(TransactionState current, Role from, MessageType type) {
    Map<Role, List<Rule>> byRole = INDEX.get(type);
    return byRole != null
        && byRole.getOrDefault(from, List.of()).stream().anyMatch(r -> r.validIn().contains(current));
  }

  /** Where a lender's progress message or a state lies on the supply path; absent = not on it. */
  private static final Map<MessageType, Integer> PROGRESS_MESSAGE = Map.of(
      MessageType.EXPECT_TO_SUPPLY, 1, MessageType.WILL_SUPPLY, 1, MessageType.SHIPPED, 2);
  private static final Map<TransactionState, Integer> PROGRESS_STATE = progressStates();

  /**
   * True when {@code type} from side {@code from} is not valid in {@code current} only because
   * the transaction has already gone past the stage it reports: a lender's Will-Supply that
   * arrives after its Shipped (two connections race, or the lender sent them out of order), a
   * Shipped that arrives after the requester's Received. Such a message is stored and passed on
   * with the state unchanged instead of being refused: the lender did nothing wrong and the
   * requester should still see it.
   */
  public static boolean isOvertaken(TransactionState current, Role from, MessageType type) {
    Integer message = PROGRESS_MESSAGE.get(type);
    Integer state = PROGRESS_STATE.get(current);
    return from == Role.SUPPLIER && message != null && state != null && state > message
        && !isValid(current, from, type);
  }

  private static Map<TransactionState, Integer> progressStates() {
    Map<TransactionState, Integer> m = new EnumMap<>(TransactionState.class);
    for (TransactionState s : AWAITING_SUPPLY) {
      m.put(s, 1);
    }
    m.put(SHIPPED, 2);
    m.put(COPY_COMPLETED, 3);
    for (TransactionState s : EnumSet.of(RECEIVED, OVERDUE, RECALLED, RETURNED, LOAN_COMPLETED,
        COMPLETED_WITHOUT_RETURN, LOST)) {
      m.put(s, 3);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The table's rows, for documentation and tests. */
  static List<Rule> rules() {
    return RULES;
  }

  private static Map<MessageType, Map<Role, List<Rule>>> index() {
    Map<MessageType, Map<Role, List<Rule>>> index = new EnumMap<>(MessageType.class);
    for (Rule rule : RULES) {
      index.computeIfAbsent(rule.type(), t -> new EnumMap<>(Role.class))
          .computeIfAbsent(rule.from(), r -> new java.util.ArrayList<>())
          .add(rule);
    }
    return index;
  }

  private static Set<TransactionState> openStates() {
    EnumSet<TransactionState> open = EnumSet.noneOf(TransactionState.class);
    for (TransactionState s : TransactionState.values()) {
      if (!s.isTerminal()) {
        open.add(s);
      }
    }
    return open;
  }

  @SafeVarargs
  private static Set<TransactionState> union(Set<TransactionState>... sets) {
    EnumSet<TransactionState> all = EnumSet.noneOf(TransactionState.class);
    for (Set<TransactionState> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
