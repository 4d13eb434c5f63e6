package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.engine.internal.StateMachine.Effect;
import org.illbridge.engine.internal.StateMachine.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StateMachineTest {

  private static IllMessage msg(MessageType type) {
    return IllMessage.builder(type).build();
  }

  private static Transition apply(TransactionState s, Role from, IllMessage m) {
    return StateMachine.apply(s, from, m).orElseThrow(() -> new AssertionError(m.type() + " invalid in " + s));
  }

  @ParameterizedTest(name = "{1} from {2} in {0} -> {3} ({4})")
  @CsvSource({
      "REQUESTED, WILL_SUPPLY, SUPPLIER, WILL_SUPPLY, FORWARD",
      "REQUESTED, EXPECT_TO_SUPPLY, SUPPLIER, EXPECT_TO_SUPPLY, FORWARD",
      "WILL_SUPPLY, SHIPPED, SUPPLIER, SHIPPED, FORWARD",
      "REQUESTED, SHIPPED, SUPPLIER, SHIPPED, FORWARD",
      "CONDITIONAL, CONDITIONAL_REPLY, REQUESTER, WILL_SUPPLY, FORWARD",
      "REQUESTED, UNFILLED, SUPPLIER, REQUESTED, NEXT_LENDER",
      "EXPECT_TO_SUPPLY, EXPIRED, SUPPLIER, EXPECT_TO_SUPPLY, NEXT_LENDER",
      "SHIPPED, RECEIVED, REQUESTER, RECEIVED, FORWARD",
      "REQUESTED, RECEIVED, REQUESTER, RECEIVED, FORWARD",
      "RECEIVED, RETURNED, REQUESTER, RETURNED, FORWARD",
      "RETURNED, CHECKED_IN, SUPPLIER, LOAN_COMPLETED, FORWARD",
      "RECEIVED, CHECKED_IN, SUPPLIER, LOAN_COMPLETED, FORWARD",
      "RECEIVED, OVERDUE, SUPPLIER, OVERDUE, FORWARD",
      "RECEIVED, RECALL, SUPPLIER, RECALLED, FORWARD",
      "OVERDUE, RENEW_ANSWER, SUPPLIER, RECEIVED, FORWARD",
      "RECEIVED, RENEW, REQUESTER, RECEIVED, FORWARD",
      "WILL_SUPPLY, CANCEL, REQUESTER, CANCEL_PENDING, FORWARD",
      "CANCEL_PENDING, CANCEL_REPLY, SUPPLIER, CANCELLED, FORWARD",
      "RECEIVED, LOST, REQUESTER, LOST, FORWARD",
      "SHIPPED, COMPLETED_WITHOUT_RETURN, SUPPLIER, COMPLETED_WITHOUT_RETURN, FORWARD",
      "LOAN_COMPLETED, STATUS_QUERY, SUPPLIER, LOAN_COMPLETED, ANSWER_STATUS",
      "REQUESTED, STATUS_REPORT, SUPPLIER, REQUESTED, STATUS_ANSWER",
      "RECEIVED, NOTE, SUPPLIER, RECEIVED, FORWARD",
  })
  void validTransitions(TransactionState from, MessageType type, Role side, TransactionState next, Effect effect) {
    Transition t = apply(from, side, msg(type));
    assertEquals(next, t.next());
    assertEquals(effect, t.effect());
  }

  @ParameterizedTest(name = "{1} from {2} invalid in {0}")
  @CsvSource({
      "REQUESTED, RETURNED, REQUESTER",
      "REQUESTED, CHECKED_IN, SUPPLIER",
      "SHIPPED, WILL_SUPPLY, SUPPLIER",
      "LOAN_COMPLETED, SHIPPED, SUPPLIER",
      "CANCELLED, CANCEL, REQUESTER",
      "RECEIVED, CANCEL, REQUESTER",
      "REQUESTED, CANCEL_REPLY, SUPPLIER",
      // a message a side never sends
      "RECEIVED, SHIPPED, REQUESTER",
      "SHIPPED, RECEIVED, SUPPLIER",
      "REQUESTED, CONDITIONAL_REPLY, REQUESTER",
      "UNFILLED, NOTE, SUPPLIER",
  })
  void invalidTransitions(TransactionState from, MessageType type, Role side) {
    assertTrue(StateMachine.apply(from, side, msg(type)).isEmpty());
    assertFalse(StateMachine.isValid(from, side, type));
  }

  @ParameterizedTest(name = "{1} from {2} in {0}: overtaken {3}")
  @CsvSource({
      "SHIPPED, WILL_SUPPLY, SUPPLIER, true",
      "SHIPPED, EXPECT_TO_SUPPLY, SUPPLIER, true",
      "RECEIVED, WILL_SUPPLY, SUPPLIER, true",
      "RECEIVED, SHIPPED, SUPPLIER, true",
      "LOAN_COMPLETED, SHIPPED, SUPPLIER, true",
      "COPY_COMPLETED, WILL_SUPPLY, SUPPLIER, true",
      // valid, so not overtaken
      "WILL_SUPPLY, WILL_SUPPLY, SUPPLIER, false",
      "REQUESTED, SHIPPED, SUPPLIER, false",
      // the same stage again is a repeat, not a late message
      "SHIPPED, SHIPPED, SUPPLIER, false",
      // off the supply path, or from the requester, or not a progress message
      "CANCELLED, WILL_SUPPLY, SUPPLIER, false",
      "UNFILLED, SHIPPED, SUPPLIER, false",
      "RECEIVED, SHIPPED, REQUESTER, false",
      "SHIPPED, CONDITIONAL, SUPPLIER, false",
      "LOAN_COMPLETED, CHECKED_IN, SUPPLIER, false",
  })
  void lateProgressMessagesAreOvertakenNotInvalid(TransactionState state, MessageType type, Role side,
      boolean overtaken) {
    assertEquals(overtaken, StateMachine.isOvertaken(state, side, type));
  }

  @Test
  void answersDecideTheOutcomeOfRepliesAndCopiesCompleteWhenShipped() {
    IllMessage no = IllMessage.builder(MessageType.CANCEL_REPLY).answer(false).build();
    assertEquals(TransactionState.REQUESTED, apply(TransactionState.CANCEL_PENDING, Role.SUPPLIER, no).next());
    IllMessage refuse = IllMessage.builder(MessageType.CONDITIONAL_REPLY).answer(false).build();
    assertEquals(TransactionState.CANCELLED, apply(TransactionState.CONDITIONAL, Role.REQUESTER, refuse).next());
    IllMessage renewNo = IllMessage.builder(MessageType.RENEW_ANSWER).answer(false).build();
    assertEquals(TransactionState.OVERDUE, apply(TransactionState.OVERDUE, Role.SUPPLIER, renewNo).next());
    IllMessage copy = IllMessage.builder(MessageType.SHIPPED).serviceType(ServiceType.COPY).build();
    assertEquals(TransactionState.COPY_COMPLETED, apply(TransactionState.WILL_SUPPLY, Role.SUPPLIER, copy).next());
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void everyMessageTypeButRequestHasARuleForEachSideThatMaySendIt(MessageType type) {
    if (type == MessageType.REQUEST) {
      assertTrue(StateMachine.rules().stream().noneMatch(r -> r.type() == type),
          "a request creates a transaction, it never applies to one");
      return;
    }
    Set<Role> senders = type.sender() == null ? EnumSet.allOf(Role.class) : EnumSet.of(type.sender());
    for (Role side : senders) {
      if (type == MessageType.EXPIRED && side == Role.REQUESTER) {
        continue; // only lenders expire requests; the home system cancels instead
      }
      assertTrue(StateMachine.rules().stream().anyMatch(r -> r.type() == type && r.from() == side),
          type + " from " + side + " has no rule");
    }
    // Nobody sends what the model reserves for the other side.
    if (type.sender() != null) {
      Role other = type.sender() == Role.REQUESTER ? Role.SUPPLIER : Role.REQUESTER;
      assertTrue(StateMachine.rules().stream().noneMatch(r -> r.type() == type && r.from() == other));
    }
  }

  @Test
  void terminalStatesOnlyTakeQueriesReportsAndErrors() {
    Set<MessageType> allowed = EnumSet.of(MessageType.STATUS_QUERY, MessageType.STATUS_REPORT, MessageType.ERROR_REPORT);
    for (TransactionState s : TransactionState.values()) {
      if (!s.isTerminal()) {
        continue;
      }
      for (MessageType t : MessageType.values()) {
        for (Role side : Role.values()) {
          if (StateMachine.isValid(s, side, t)) {
            assertTrue(allowed.contains(t), t + " from " + side + " accepted in terminal state " + s);
          }
        }
      }
    }
  }
}
