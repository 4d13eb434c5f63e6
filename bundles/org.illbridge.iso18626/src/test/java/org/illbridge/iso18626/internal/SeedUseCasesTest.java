package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.ServiceType;
import org.illbridge.iso18626.Action;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.ReasonForMessage;
import org.illbridge.iso18626.RequestingAgencyMessage;
import org.illbridge.iso18626.StateModel;
import org.illbridge.iso18626.Status;
import org.illbridge.iso18626.SupplyingAgencyMessage;
import org.illbridge.iso18626.YesNo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CILLT use cases of seed 004 as message sequences between a requester (XYZ, ISIL CA-AEU)
 * and a supplier (ABC, ISIL AU-VMOU): each neutral message is encoded by the sender's codec,
 * validated against the XSD, decoded by the receiver's codec, checked against the state model,
 * and must arrive as the same neutral message.
 */
class SeedUseCasesTest {

  static final AgencyId XYZ = new AgencyId(AgencyIdScheme.ISIL, "CA-AEU");
  static final AgencyId ABC = new AgencyId(AgencyIdScheme.ISIL, "AU-VMOU");

  /** Plays one transaction: both sides hold a codec and the state. */
  static final class Conversation {
    final Iso18626ProtocolCodec requester;
    final Iso18626ProtocolCodec supplier;
    final Iso18626Version version;
    StateModel.State state = StateModel.State.initial();
    final List<IllMessage> received = new ArrayList<>();

    Conversation(Iso18626Version version) {
      this.version = version;
      requester = new Iso18626ProtocolCodec(TestConfigs.config(true, version.versionAttribute(), 1 << 20));
      supplier = new Iso18626ProtocolCodec(TestConfigs.config(true, version.versionAttribute(), 1 << 20));
    }

    IllMessage.Builder fromXyz(MessageType t) {
      return IllMessage.builder(t).sender(XYZ).recipient(ABC).requesterTransactionId("XYZ123")
          .timestamp(Instant.parse("2013-07-01T10:00:00Z"));
    }

    IllMessage.Builder fromAbc(MessageType t) {
      return IllMessage.builder(t).sender(ABC).recipient(XYZ).requesterTransactionId("XYZ123")
          .supplierTransactionId("ABC-9").timestamp(Instant.parse("2013-07-02T10:00:00Z"));
    }

    /** Sends a message and returns what the other side decoded. */
    IllMessage send(IllMessage m) throws Exception {
      boolean fromRequester = m.sender().equals(XYZ);
      byte[] wire = (fromRequester ? requester : supplier).encode(m, null);
      Iso18626Codec.validate(wire, version);
      Iso18626Document doc = new Iso18626Codec(Iso18626Codec.Options.strictDefaults()).read(wire);
      StateModel.Result r;
      if (doc.message() instanceof RequestingAgencyMessage ram) {
        r = StateModel.onRequesterAction(state, ram.action());
      } else if (doc.message() instanceof SupplyingAgencyMessage sam) {
        r = StateModel.onSupplierMessage(state, sam.messageInfo().reasonForMessage(), sam.statusInfo().status(),
            sam.messageInfo().answerYesNo());
      } else {
        r = new StateModel.Result(true, state, null);
      }
      assertTrue(r.valid(), r.reason());
      state = r.next();
      IllMessage decoded = (fromRequester ? supplier : requester).decode(wire, null);
      assertEquals(m.type(), decoded.type());
      assertEquals(m.sender(), decoded.sender());
      assertEquals(m.recipient(), decoded.recipient());
      assertEquals(m.requesterTransactionId(), decoded.requesterTransactionId());
      assertEquals(m.note(), decoded.note());
      received.add(decoded);
      return decoded;
    }

    IllMessage loanRequest() throws Exception {
      return send(fromXyz(MessageType.REQUEST).serviceType(ServiceType.LOAN).item(Item.titled("Moby Dick")).build());
    }
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void requestThenCancelRefused(Iso18626Version v) throws Exception {
    Conversation c = new Conversation(v);
    IllMessage req = c.loanRequest();
    assertEquals("Moby Dick", req.item().title());
    assertEquals(ServiceType.LOAN, req.serviceType());
    c.send(c.fromXyz(MessageType.CANCEL).build());
    assertTrue(c.state.cancelPending());
    IllMessage reply = c.send(c.fromAbc(MessageType.CANCEL_REPLY).answer(false)
        .attribute(NeutralMapper.A_STATUS, "Loaned").build());
    assertEquals(Boolean.FALSE, reply.answer());
    assertEquals("CancelResponse", reply.attributes().get(NeutralMapper.A_REASON_FOR_MESSAGE));
    assertEquals(Status.LOANED, c.state.status());
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void unfilledNotOnShelf(Iso18626Version v) throws Exception {
    Conversation c = new Conversation(v);
    c.loanRequest();
    IllMessage unfilled = c.send(c.fromAbc(MessageType.UNFILLED).reason("NotOnShelf").build());
    assertEquals("NotOnShelf", unfilled.reason());
    assertEquals("Unfilled", unfilled.attributes().get(NeutralMapper.A_STATUS));
    assertTrue(c.state.isTerminal());
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void costExceedsMaximumThenRetryThenCompletedAndReceived(Iso18626Version v) throws Exception {
    Conversation c = new Conversation(v);
    IllMessage req = c.send(c.fromXyz(MessageType.REQUEST).serviceType(ServiceType.COPY).item(Item.titled("Article"))
        .attribute(NeutralMapper.A_REQUEST_TYPE, "New").attribute(NeutralMapper.A_MAXIMUM_COSTS, "USD 25").build());
    assertEquals("USD 25", req.attributes().get(NeutralMapper.A_MAXIMUM_COSTS));
    IllMessage retry = c.send(c.fromAbc(MessageType.RETRY_POSSIBLE).reason("CostExceedsMaxCost")
        .attribute(NeutralMapper.A_OFFERED_COSTS, "USD 35")
        .attribute(NeutralMapper.A_RETRY_BEFORE, "2013-07-31T16:00-06:00").build());
    assertEquals("CostExceedsMaxCost", retry.reason());
    assertEquals("USD 35", retry.attributes().get(NeutralMapper.A_OFFERED_COSTS));
    assertEquals("2013-07-31T16:00-06:00", retry.attributes().get(NeutralMapper.A_RETRY_BEFORE));
    assertTrue(c.state.isTerminal());

    // The retry is a new request referring to the first one.
    Conversation again = new Conversation(v);
    IllMessage retryRequest = again.send(again.fromXyz(MessageType.REQUEST).serviceType(ServiceType.COPY)
        .item(Item.titled("Article")).attribute(NeutralMapper.A_REQUEST_TYPE, "Retry")
        .attribute(NeutralMapper.A_PREVIOUS_REQUEST_ID, "XYZ123").attribute(NeutralMapper.A_MAXIMUM_COSTS, "USD 35").build());
    assertEquals("Retry", retryRequest.attributes().get(NeutralMapper.A_REQUEST_TYPE));
    assertEquals("XYZ123", retryRequest.attributes().get(NeutralMapper.A_PREVIOUS_REQUEST_ID));
    IllMessage done = again.send(again.fromAbc(MessageType.SHIPPED).serviceType(ServiceType.COPY).build());
    assertEquals("CopyCompleted", done.attributes().get(NeutralMapper.A_STATUS));
    again.send(again.fromXyz(MessageType.RECEIVED).build());
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void loanLifeCycleWithOverdueAndRenewal(Iso18626Version v) throws Exception {
    Conversation c = new Conversation(v);
    c.loanRequest();
    IllMessage shipped = c.send(c.fromAbc(MessageType.SHIPPED).serviceType(ServiceType.LOAN)
        .dueDate(LocalDate.of(2013, 12, 31)).attribute(NeutralMapper.A_ITEM_ID, "39000001234567").build());
    assertEquals(LocalDate.of(2013, 12, 31), shipped.dueDate());
    assertEquals("39000001234567", shipped.attributes().get(NeutralMapper.A_ITEM_ID));
    c.send(c.fromXyz(MessageType.RECEIVED).build());
    c.send(c.fromXyz(MessageType.RENEW).build());
    IllMessage renewed = c.send(c.fromAbc(MessageType.RENEW_ANSWER).answer(true).dueDate(LocalDate.of(2014, 1, 31)).build());
    assertEquals(LocalDate.of(2014, 1, 31), renewed.dueDate());
    assertEquals(Boolean.TRUE, renewed.answer());
    c.send(c.fromAbc(MessageType.OVERDUE).build());
    assertEquals(Status.OVERDUE, c.state.status());
    c.send(c.fromXyz(MessageType.RETURNED).note("sent back by post").build());
    c.send(c.fromAbc(MessageType.CHECKED_IN).build());
    assertEquals(Status.LOAN_COMPLETED, c.state.status());
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void isilAgencyIdsTravelWithTheirType(Iso18626Version v) throws Exception {
    Conversation c = new Conversation(v);
    IllMessage req = c.loanRequest();
    assertEquals(AgencyIdScheme.ISIL, req.sender().scheme());
    byte[] wire = c.requester.encode(req, null);
    String xml = new String(wire, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(xml.contains("<ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>AU-VMOU</ill:agencyIdValue>"), xml);
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void everyStatusAndActionMapsToANeutralTypeAndBack(Iso18626Version v) throws Exception {
    for (Action a : Action.values()) {
      if (a.since2021() && v == Iso18626Version.V2017) {
        continue;
      }
      MessageType t = NeutralMapper.requesterType(a);
      IllMessage n = IllMessage.builder(t).sender(XYZ).recipient(ABC).requesterTransactionId("R1")
          .attribute(NeutralMapper.A_ACTION, a.code()).attribute(NeutralMapper.A_SENDER_ROLE, "REQUESTER").build();
      RequestingAgencyMessage ram = (RequestingAgencyMessage) NeutralMapper.fromNeutral(n, v);
      assertEquals(a, ram.action(), a.code());
    }
    for (Status s : Status.values()) {
      if (s.since2021() && v == Iso18626Version.V2017) {
        continue;
      }
      for (ReasonForMessage r : ReasonForMessage.values()) {
        MessageType t = NeutralMapper.supplierType(r, s);
        IllMessage.Builder b = IllMessage.builder(t).sender(ABC).recipient(XYZ).requesterTransactionId("R1")
            .attribute(NeutralMapper.A_STATUS, s.code()).attribute(NeutralMapper.A_REASON_FOR_MESSAGE, r.code())
            .attribute(NeutralMapper.A_SENDER_ROLE, "SUPPLIER");
        if (s == Status.CANCELLED) {
          b.answer(true);
        }
        SupplyingAgencyMessage sam = (SupplyingAgencyMessage) NeutralMapper.fromNeutral(b.build(), v);
        assertEquals(s, sam.statusInfo().status(), r.code() + "/" + s.code());
        assertEquals(r, sam.messageInfo().reasonForMessage(), r.code() + "/" + s.code());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void errorConfirmationDecodesAsErrorReport(Iso18626Version v) throws Exception {
    Iso18626ProtocolCodec codec = new Iso18626ProtocolCodec(TestConfigs.config());
    byte[] conf = Confirmations.error(null, org.illbridge.iso18626.ErrorType.UNRECOGNISED_DATA_VALUE, "bad status", v);
    IllMessage m = codec.decode(conf, null);
    assertEquals(MessageType.ERROR_REPORT, m.type());
    assertEquals("UnrecognisedDataValue", m.reason());
    assertEquals(YesNo.Y, YesNo.fromCode("Y"));
  }
}
