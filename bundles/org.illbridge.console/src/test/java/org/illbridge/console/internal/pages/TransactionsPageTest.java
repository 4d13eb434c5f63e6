package org.illbridge.console.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.BERTags;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.engine.EngineActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsPageTest {
  Fakes.Store store = new Fakes.Store();
  Fakes.Directory directory = new Fakes.Directory();
  Fakes.Box outbox = new Fakes.Box();
  Fakes.Engine engine = new Fakes.Engine();
  TransactionsPage page = new TransactionsPage(store, directory, outbox);

  /** Decodes "TYPE|reason|note[|no-recipient]" as the neutral message a real codec would give. */
  static final class TextCodec implements ProtocolCodec {
    private final Protocol protocol;

    TextCodec(Protocol protocol) {
      this.protocol = protocol;
    }

    @Override public Protocol protocol() { return protocol; }

    @Override
    public IllMessage decode(byte[] wire, Partner partner) throws CodecException {
      String[] f = new String(wire, StandardCharsets.UTF_8).split("\\|", -1);
      try {
        boolean noRecipient = f.length > 3 && f[3].equals("no-recipient");
        return IllMessage.builder(MessageType.valueOf(f[0])).sender(AgencyId.parse("ISIL:CA-BVAS"))
            .recipient(noRecipient ? null : AgencyId.parse("NUC:BKU")).reason(f.length > 1 && !f[1].isEmpty() ? f[1] : null)
            .note(f.length > 2 ? f[2] : null).build();
      } catch (IllegalArgumentException e) {
        throw new CodecException(CodecException.Kind.values()[0], "not a test message: " + f[0]);
      }
    }

    @Override public byte[] encode(IllMessage message, Partner partner) { throw new UnsupportedOperationException(); }
  }

  @BeforeEach
  void setUp() {
    page.setEngine(engine);
    page.addCodec(new TextCodec(Protocol.ISO18626));
    Instant t0 = LocalDate.of(2025, 3, 1).atStartOfDay(ZoneId.systemDefault()).toInstant();
    for (int i = 0; i < 60; i++) {
      store.add(String.format("IB%03d", i), i % 2 == 0 ? TransactionState.REQUESTED : TransactionState.SHIPPED, "home", "ubc",
          t0.plusSeconds(3600L * i));
    }
  }

  @Test
  void searchPassesEveryFilterToTheStoreAndPagesWithTheCursor() throws Exception {
    Fakes.Request r = new Fakes.Request().param("q", "IB004").param("partner", "ubc").param("state", "REQUESTED")
        .param("from", "2025-03-01").param("to", "2025-03-02");
    String html = Fakes.render(page, r);
    assertEquals("IB004", store.lastQuery.anyId());
    assertEquals("ubc", store.lastQuery.partnerKey());
    assertEquals(Set.of(TransactionState.REQUESTED), store.lastQuery.states());
    assertEquals(LocalDate.of(2025, 3, 3).atStartOfDay(ZoneId.systemDefault()).toInstant(), store.lastQuery.createdBefore());
    assertTrue(html.contains("?tx=IB004"), html);
    assertTrue(html.contains(">Requested<"));

    String all = Fakes.render(page, new Fakes.Request());
    assertTrue(all.contains("id='next-page'"), "60 rows > page of 50");
    assertTrue(all.contains("IB059") && !all.contains(">IB009<"), "newest first, first page only");
    String second = Fakes.render(page, new Fakes.Request().param("cursor", "50"));
    assertTrue(second.contains(">IB009<") && !second.contains("id='next-page'"));
  }

  @Test
  void badSearchInputGivesAClearMessage() throws Exception {
    String html = Fakes.render(page, new Fakes.Request().param("from", "1 March"));
    assertTrue(html.contains("Not a date (use YYYY-MM-DD): 1 March"), html);
    html = Fakes.render(page, new Fakes.Request().param("from", "2025-03-05").param("to", "2025-03-01"));
    assertTrue(html.contains("The end date is before the start date."));
    html = Fakes.render(page, new Fakes.Request().param("state", "BOGUS").param("lang", "fr"));
    assertTrue(html.contains("État inconnu : BOGUS"), html);
  }

  @Test
  void theTimelineShowsEveryMessageDecodedInTheReadersLanguage() throws Exception {
    store.log("IB001", Direction.INBOUND, Protocol.ISO18626, MessageType.REQUEST, "REQUEST||<b>please</b>".getBytes(), "accepted");
    store.log("IB001", Direction.OUTBOUND, Protocol.ISO18626, MessageType.UNFILLED, "UNFILLED|NotOnShelf|".getBytes(), "sent");
    store.log("IB001", Direction.INBOUND, Protocol.ISO10161, MessageType.SHIPPED, new byte[] {1, 2}, "rejected:invalid-state");
    String html = Fakes.render(page, new Fakes.Request().param("tx", "IB001"));
    assertTrue(html.contains("<strong>Request</strong>"), html);
    assertTrue(html.contains("From ISIL:CA-BVAS to NUC:BKU"));
    assertTrue(html.contains("Note: &lt;b&gt;please&lt;/b&gt;"), "escaped, never raw markup");
    assertTrue(html.contains("Reason: Not on shelf") || html.contains("Reason: Not on the shelf"), html);
    assertFalse(html.contains("NotOnShelf"), "never the raw code");
    assertTrue(html.contains("The ISO 10161 (BER) codec is not running"), "no codec: says so, shows the summary");
    assertTrue(html.contains("Rejected: not valid in the transaction&#39;s state") || html.contains("Rejected: not valid in the transaction's state"), html);
    assertTrue(html.contains("name='_csrf' value='TOKEN123'"), "forms carry the CSRF token");

    String fr = Fakes.render(page, new Fakes.Request().param("tx", "IB001").param("lang", "fr"));
    assertTrue(fr.contains("<strong>Demande</strong>") && fr.contains("Chronologie"), fr);
    assertTrue(fr.contains("Refusé : non valide"));
  }

  @Test
  void aMessageWithoutRecipientSaysWhoSentItAndNeverNull() throws Exception {
    store.log("IB001", Direction.INBOUND, Protocol.ISO18626, MessageType.REQUEST, "REQUEST|||no-recipient".getBytes(), "accepted");
    String html = Fakes.render(page, new Fakes.Request().param("tx", "IB001"));
    assertTrue(html.contains("From ISIL:CA-BVAS<"), html);
    assertFalse(html.contains("null"), html);
    String fr = Fakes.render(page, new Fakes.Request().param("tx", "IB001").param("lang", "fr"));
    assertTrue(fr.contains("De ISIL:CA-BVAS<"), fr);
  }

  @Test
  void rawViewShowsXmlEscapedAndBerAsATreeAndHex() throws Exception {
    var xml = store.log("IB002", Direction.INBOUND, Protocol.ISO18626, MessageType.REQUEST,
        "<ISO18626Message><note>a&b</note></ISO18626Message>".getBytes(), "accepted");
    String html = Fakes.render(page, new Fakes.Request().param("tx", "IB002").param("raw", Long.toString(xml.id())));
    assertTrue(html.contains("&lt;ISO18626Message&gt;&lt;note&gt;a&amp;b&lt;/note&gt;"), html);

    byte[] ber = new DERTaggedObject(false, BERTags.APPLICATION, 1, new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
        new ASN1Integer(2), new DERTaggedObject(true, 1, new DERIA5String("REQ-42"))})).getEncoded();
    var apdu = store.log("IB002", Direction.OUTBOUND, Protocol.ISO10161, MessageType.REQUEST, ber, "sent");
    html = Fakes.render(page, new Fakes.Request().param("tx", "IB002").param("raw", Long.toString(apdu.id())));
    assertTrue(html.contains("[APPLICATION 1]"), html);
    assertTrue(html.contains("INTEGER 2"));
    assertTrue(html.contains("[CONTEXT 1]") && html.contains("IA5String &#34;REQ-42&#34;") || html.contains("\"REQ-42\""), html);
    assertTrue(html.contains("000000  "), "hex dump with offsets");

    var broken = store.log("IB002", Direction.INBOUND, Protocol.ISO10161, MessageType.REQUEST, new byte[] {0x30, 0x7f, 1}, "x");
    html = Fakes.render(page, new Fakes.Request().param("tx", "IB002").param("raw", Long.toString(broken.id())));
    assertTrue(html.contains("Not valid BER"), html);
    html = Fakes.render(page, new Fakes.Request().param("tx", "IB003").param("raw", Long.toString(broken.id())));
    assertTrue(html.contains("does not belong to this transaction"));
  }

  @Test
  void staffActionsAreAuditedAndAnsweredWithARedirect() throws Exception {
    String to = Fakes.post(page, new Fakes.Request().param("tx", "IB000").param("action", "cancel").param("reason", "phoned"));
    assertTrue(to.startsWith("/system/console/illbridge-transactions?tx=IB000&done=action.cancelled"), to);
    assertEquals(TransactionState.CANCELLED, store.transactions.get("IB000").state());
    assertEquals("IB000", store.cancelledTimers.get(0));
    assertEquals("alice", store.audit.get(0).actor());
    assertEquals("transaction.cancel", store.audit.get(0).action());
    assertEquals("phoned", store.audit.get(0).detail());

    to = Fakes.post(page, new Fakes.Request().param("tx", "IB000").param("action", "complete"));
    assertTrue(to.contains("error=action.alreadyClosed"), "a closed transaction stays as it is");

    Fakes.post(page, new Fakes.Request().param("tx", "IB001").param("action", "complete"));
    assertEquals(TransactionState.LOAN_COMPLETED, store.transactions.get("IB001").state());
    assertEquals("transaction.complete", store.audit.get(0).action());

    to = Fakes.post(page, new Fakes.Request().param("tx", "IB002").param("action", "repeat"));
    assertEquals("repeat IB002 by alice", engine.calls.get(0));
    assertTrue(to.contains("done=action.repeat.queued"));
    engine.repeat = EngineActions.RepeatResult.NOTHING_TO_REPEAT;
    assertTrue(Fakes.post(page, new Fakes.Request().param("tx", "IB002").param("action", "repeat")).contains("error=action.repeat.nothing"));
    page.unsetEngine(engine);
    assertTrue(Fakes.post(page, new Fakes.Request().param("tx", "IB002").param("action", "repeat")).contains("error=action.engineMissing"));

    outbox.add(7, "IB004", "ubc", OutboxStatus.DEAD, 5, "connection refused");
    outbox.add(8, "IB005", "ubc", OutboxStatus.DEAD, 5, "connection refused");
    assertTrue(Fakes.post(page, new Fakes.Request().param("tx", "IB004").param("action", "resend").param("item", "7")).contains("done=outbox.resent"));
    assertTrue(Fakes.post(page, new Fakes.Request().param("tx", "IB004").param("action", "resend").param("item", "8")).contains("error=outbox.notFound"),
        "a row of another transaction is not resent from this one");
    assertTrue(Fakes.post(page, new Fakes.Request().param("tx", "IB004").param("action", "explode")).contains("error=error.unknownAction"));
  }

  @Test
  void theOutcomeIsShownOnlyForKnownMessages() throws Exception {
    String html = Fakes.render(page, new Fakes.Request().param("done", "action.cancelled").param("arg", "IB<9>"));
    assertTrue(html.contains("Transaction IB&lt;9&gt; is cancelled."), html);
    html = Fakes.render(page, new Fakes.Request().param("done", "some.invented.key"));
    assertFalse(html.contains("role='status'"), html);
    assertNull(new Fakes.Request().getParameter("x"));
  }
}
