package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import org.illbridge.iso18626.StateModel.Result;
import org.illbridge.iso18626.StateModel.State;
import org.junit.jupiter.api.Test;

class StateModelTest {

  private static State supplier(State s, ReasonForMessage r, Status st, YesNo a) {
    Result res = StateModel.onSupplierMessage(s, r, st, a);
    assertTrue(res.valid(), res.reason());
    return res.next();
  }

  private static State requester(State s, Action a) {
    Result res = StateModel.onRequesterAction(s, a);
    assertTrue(res.valid(), res.reason());
    return res.next();
  }

  @Test
  void everyStatusHasBothTableRows() {
    for (Status s : Status.values()) {
      assertNotNull(StateModel.nextStatuses(s), s.code());
      assertTrue(StateModel.allowedActions(s).contains(Action.STATUS_REQUEST), s.code());
      assertEquals(StateModel.isTerminal(s), StateModel.nextStatuses(s).isEmpty(), s.code());
    }
  }

  @Test
  void loanLifeCycle() {
    State s = State.initial();
    s = supplier(s, ReasonForMessage.REQUEST_RESPONSE, Status.LOANED, null);
    s = requester(s, Action.RECEIVED);
    s = requester(s, Action.RENEW);
    assertTrue(s.renewPending());
    s = supplier(s, ReasonForMessage.RENEW_RESPONSE, Status.LOANED, YesNo.Y);
    assertFalse(s.renewPending());
    s = supplier(s, ReasonForMessage.STATUS_CHANGE, Status.OVERDUE, null);
    s = requester(s, Action.SHIPPED_RETURN);
    s = supplier(s, ReasonForMessage.REQUEST_RESPONSE, Status.LOAN_COMPLETED, null);
    assertTrue(s.isTerminal());
    assertFalse(StateModel.onRequesterAction(s, Action.RENEW).valid());
  }

  @Test
  void cancelRefusedKeepsTheTransactionGoing() {
    State s = requester(State.initial(), Action.CANCEL);
    assertFalse(StateModel.onRequesterAction(s, Action.CANCEL).valid(), "second cancel while one is pending");
    s = supplier(s, ReasonForMessage.CANCEL_RESPONSE, Status.LOANED, YesNo.N);
    assertEquals(Status.LOANED, s.status());
    assertFalse(s.cancelPending());
  }

  @Test
  void cancelAcceptedEndsInCancelled() {
    State s = requester(State.initial(), Action.CANCEL);
    assertFalse(StateModel.onSupplierMessage(s, ReasonForMessage.CANCEL_RESPONSE, Status.WILL_SUPPLY, YesNo.Y).valid());
    s = supplier(s, ReasonForMessage.CANCEL_RESPONSE, Status.CANCELLED, YesNo.Y);
    assertTrue(s.isTerminal());
  }

  @Test
  void invalidMovesAreRefusedWithAReason() {
    State s = State.initial();
    Result r = StateModel.onSupplierMessage(s, ReasonForMessage.STATUS_CHANGE, Status.LOAN_COMPLETED, null);
    assertFalse(r.valid());
    assertTrue(r.reason().contains("RequestReceived"));
    assertFalse(StateModel.onSupplierMessage(s, ReasonForMessage.CANCEL_RESPONSE, Status.CANCELLED, YesNo.Y).valid());
    assertFalse(StateModel.onSupplierMessage(s, ReasonForMessage.RENEW_RESPONSE, Status.LOANED, YesNo.Y).valid());
    assertFalse(StateModel.onSupplierMessage(s, ReasonForMessage.STATUS_CHANGE, Status.CANCELLED, null).valid());
    assertFalse(StateModel.onRequesterAction(s, Action.SHIPPED_RETURN).valid());
    assertFalse(StateModel.onRequesterAction(s, Action.RENEW).valid());
    State loaned = supplier(s, ReasonForMessage.REQUEST_RESPONSE, Status.LOANED, null);
    assertFalse(StateModel.onRequesterAction(loaned, Action.CANCEL).valid());
  }

  @Test
  void repeatingTheCurrentStatusIsAlwaysAllowed() {
    for (Status st : Status.values()) {
      if (st == Status.CANCELLED) {
        continue;
      }
      State s = new State(st, false, false);
      assertTrue(StateModel.onSupplierMessage(s, ReasonForMessage.STATUS_REQUEST_RESPONSE, st, null).valid(), st.code());
      assertTrue(StateModel.onSupplierMessage(s, ReasonForMessage.NOTIFICATION, st, null).valid(), st.code());
    }
  }

  @Test
  void retryPossibleAndUnfilledAreTerminal() {
    State s = supplier(State.initial(), ReasonForMessage.REQUEST_RESPONSE, Status.RETRY_POSSIBLE, null);
    assertTrue(s.isTerminal());
    assertFalse(StateModel.onSupplierMessage(s, ReasonForMessage.REQUEST_RESPONSE, Status.LOANED, null).valid());
  }
}
