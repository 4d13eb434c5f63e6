package org.illbridge.iso10161;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolMachineTest {
  private final ApduHeader h = Samples.header();

  private CurrentState walk(List<IllApdu> apdus) {
    CurrentState s = null;
    CurrentState beforeCancel = null;
    for (IllApdu a : apdus) {
      ProtocolMachine.Transition t = ProtocolMachine.apply(s, beforeCancel, a);
      assertTrue(t.valid(), a.type() + " in " + s);
      if (t.stateBeforeCancel() != null) {
        beforeCancel = t.stateBeforeCancel();
      }
      s = t.next();
    }
    return s;
  }

  private IllRequest request() {
    return Samples.fullRequest();
  }

  private IllAnswer answer(TransactionResults r) {
    return new IllAnswer(h, r, null, null, null, null, null, null, null, null);
  }

  private Shipped shipped() {
    return new Shipped(h, null, null, null, null, null, null, IllServiceType.LOAN, null,
        new SupplyDetails(null, null, null, null, null, null, null, null, null, null), null, null,
        null);
  }

  private Received received() {
    return new Received(h, null, null, "20240101", IllServiceType.LOAN, null, null);
  }

  @Test
  void loanLifecycle() {
    assertEquals(CurrentState.CHECKED_IN, walk(List.of(request(),
        answer(TransactionResults.WILL_SUPPLY), shipped(), received(),
        new Renew(h, "20240301", null, null), new RenewAnswer(h, true, null, null, null),
        new Message(h, IllString.of("hi"), null),
        new Returned(h, null, "20240302", null, null, null, null),
        new CheckedIn(h, "20240303", null, null))));
  }

  @Test
  void conditionalThenAcceptedThenUnfilled() {
    assertEquals(CurrentState.NOT_SUPPLIED, walk(List.of(request(),
        answer(TransactionResults.CONDITIONAL), new ConditionalReply(h, true, null, null),
        answer(TransactionResults.UNFILLED))));
    assertEquals(CurrentState.CANCELLED, walk(List.of(request(),
        answer(TransactionResults.CONDITIONAL), new ConditionalReply(h, false, null, null))));
  }

  @Test
  void refusedCancelReturnsToTheStateBefore() {
    assertEquals(CurrentState.IN_PROCESS, walk(List.of(request(),
        answer(TransactionResults.HOLD_PLACED), new Cancel(h, null, null),
        new CancelReply(h, false, null, null))));
    assertEquals(CurrentState.CANCELLED, walk(List.of(request(), new Cancel(h, null, null),
        new CancelReply(h, true, null, null))));
    assertEquals(CurrentState.SHIPPED, walk(List.of(request(), new Cancel(h, null, null),
        shipped())), "SHIPPED crossing the CANCEL");
  }

  @Test
  void overdueAndRecallPaths() {
    assertEquals(CurrentState.RETURNED, walk(List.of(request(), shipped(), received(),
        new Overdue(h, new DateDue("20240101", true), null, null),
        new Renew(h, null, null, null), new RenewAnswer(h, false, null, null, null),
        new Recall(h, null, null), new Returned(h, null, "20240302", null, null, null, null))));
  }

  @Test
  void invalidServiceGetsStateTransitionProhibitedLikeYaz() throws Exception {
    ProtocolMachine.Transition t =
        ProtocolMachine.apply(CurrentState.PENDING, null, received());
    assertFalse(t.valid());
    assertEquals(CurrentState.PENDING, t.next());
    ErrorReport e = ProtocolMachine.prohibited(received(), CurrentState.PENDING);
    // the same provider error YAZ encoded for this case (golden vector)
    StatusOrErrorReport yaz = (StatusOrErrorReport) new BerCodec().decode(
        GoldenVectorTest.golden("yaz-status-or-error-report.ber"));
    assertEquals(yaz.errorReport().providerErrorReport(), e.providerErrorReport());
    assertEquals(ReportSource.PROVIDER, e.reportSource());
  }

  @Test
  void nothingButARequestStartsATransactionAndTerminalStatesTakeNothing() {
    assertFalse(ProtocolMachine.apply(null, null, shipped()).valid());
    assertFalse(ProtocolMachine.apply(CurrentState.CANCELLED, null, shipped()).valid());
    assertFalse(ProtocolMachine.apply(CurrentState.CHECKED_IN, null, received()).valid());
    assertFalse(ProtocolMachine.apply(CurrentState.RECEIVED, null, request()).valid());
    assertTrue(ProtocolMachine.apply(CurrentState.CANCELLED, null,
        new StatusQuery(h, null, null)).valid());
  }
}
