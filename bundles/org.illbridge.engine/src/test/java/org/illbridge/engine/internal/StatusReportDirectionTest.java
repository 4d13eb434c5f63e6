package org.illbridge.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status report decoded from an ISO 10161 header by a transport that cannot tell who is
 * connected names the home library (the transaction's requester) as its sender; the engine must
 * still take it as the lender's (found end to end: lost-Shipped recovery never worked over TCP).
 */
class StatusReportDirectionTest {
  private final Harness h = new Harness();
  private String key;

  @BeforeEach
  void requestAndDaysUp() {
    h.lender("bvas");
    h.lender("bvau");
    key = Harness.key(h.homeRequest("ILLUME-300", "bvas", "bvau"));
    h.store.drain(h.delivery);
    h.clock.advance(Duration.ofDays(7));
    h.timers.runDue(10); // status query sent
  }

  /** The report as the ISO 10161 codec decodes it without a partner: sender = header requester. */
  private IllMessage reportAsDecodedOverTcp(TransactionRecord tx, String state) {
    return IllMessage.builder(MessageType.STATUS_REPORT)
        .requesterTransactionId(tx.supplier().requesterTxId())
        .sender(tx.requester().agencyId())     // the home library, named as requester
        .recipient(tx.supplier().agencyId())   // the lender, named as responder
        .attribute(InboundProcessor.ATTR_10161_SENDER_ROLE, "requester")
        .attribute("iso10161.current-state", state)
        .timestamp(h.clock.instant())
        .build();
  }

  @Test
  void aLendersReportNamingTheHomeLibraryAsSenderIsTheLenders() {
    InboundResult r = h.receive(Protocol.ISO10161, reportAsDecodedOverTcp(h.tx(key), "shipped"));
    assertInstanceOf(InboundResult.Accepted.class, r, String.valueOf(r));
    TransactionRecord tx = h.tx(key);
    assertEquals(TransactionState.SHIPPED, tx.state(), "the lost Shipped is recovered");
    assertEquals("bvas", tx.supplier().partnerKey(), "no move to the next lender");
  }

  @Test
  void theSameReportOverTheHomeSystemsOwnProtocolIsNotTurnedRound() {
    // over REST the home system is the sender it names: nothing is swapped (it is refused as the
    // home system has no such transaction on its side)
    InboundResult r = h.receive(Protocol.REST, reportAsDecodedOverTcp(h.tx(key), "shipped"));
    assertInstanceOf(InboundResult.Rejected.class, r, String.valueOf(r));
    assertEquals(TransactionState.REQUESTED, h.tx(key).state());
  }

  @Test
  void aMessageWithAFixedSenderIsNeverTurnedRound() {
    TransactionRecord tx = h.tx(key);
    IllMessage shippedFromHome = IllMessage.builder(MessageType.SHIPPED)
        .requesterTransactionId(tx.supplier().requesterTxId())
        .sender(tx.requester().agencyId())
        .recipient(tx.supplier().agencyId())
        .timestamp(h.clock.instant())
        .build();
    assertInstanceOf(InboundResult.Rejected.class, h.receive(Protocol.ISO10161, shippedFromHome));
    assertEquals(TransactionState.REQUESTED, h.tx(key).state());
  }
}
