package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.iso18626.*;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 use cases over real HTTP between two nodes on loopback: each node has the endpoint
 * (behind the JDK's HTTP server) and a stand-in engine that keeps the state model per
 * transaction; messages go out through {@link HttpTransport} and the answer is the confirmation.
 */
class TwoEndpointsTest {

  static final AgencyId XYZ = new AgencyId(AgencyIdScheme.ISIL, "CA-AEU");
  static final AgencyId ABC = new AgencyId(AgencyIdScheme.ISIL, "AU-VMOU");

  /** Engine stand-in: applies the state model, rejects what it forbids. */
  static final class StateEngine implements InboundHandler {
    final Map<String, StateModel.State> states = new HashMap<>();
    final List<IllMessage> accepted = new ArrayList<>();

    @Override
    public synchronized InboundResult handle(InboundMessage in) {
      IllMessage m = in.message();
      String key = m.requesterTransactionId();
      if (m.type() == MessageType.REQUEST) {
        states.put(key, StateModel.State.initial());
        accepted.add(m);
        return new InboundResult.Accepted(key, false);
      }
      StateModel.State s = states.get(key);
      if (s == null) {
        return new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION, "no transaction " + key);
      }
      String action = m.attributes().get(NeutralMapper.A_ACTION);
      StateModel.Result r = action != null
          ? StateModel.onRequesterAction(s, Action.fromCode(action))
          : StateModel.onSupplierMessage(s, ReasonForMessage.fromCode(m.attributes().get(NeutralMapper.A_REASON_FOR_MESSAGE)),
              Status.fromCode(m.attributes().get(NeutralMapper.A_STATUS)),
              m.answer() == null ? null : m.answer() ? YesNo.Y : YesNo.N);
      if (!r.valid()) {
        return new InboundResult.Rejected(InboundResult.INVALID_STATE, r.reason());
      }
      states.put(key, r.next());
      accepted.add(m);
      return new InboundResult.Accepted(key, false);
    }
  }

  static final class Node {
    final StateEngine engine = new StateEngine();
    final Iso18626ProtocolCodec codec;
    final HttpServer server;
    final URI uri;

    Node(Iso18626Version version) throws Exception {
      codec = new Iso18626ProtocolCodec(TestConfigs.config(true, version.versionAttribute(), 1 << 20));
      Iso18626Endpoint endpoint = new Iso18626Endpoint(codec, engine, null, 1 << 20, version);
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/iso18626", ex -> {
        Iso18626Endpoint.Response r = endpoint.handle(ex.getRequestBody(), ex.getRemoteAddress().getAddress(),
            name -> ex.getRequestHeaders().getFirst(name));
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(r.body());
        }
      });
      server.start();
      uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/iso18626");
    }
  }

  final List<Node> nodes = new ArrayList<>();
  final HttpTransport transport = new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(10), 1 << 20);
  final Iso18626Codec reader = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true));
  Node requester;
  Node supplier;

  void start(Iso18626Version v) throws Exception {
    requester = new Node(v);
    supplier = new Node(v);
    nodes.add(requester);
    nodes.add(supplier);
  }

  @AfterEach
  void stop() {
    nodes.forEach(n -> n.server.stop(0));
  }

  /** Sends from one node to the other and returns the confirmation. */
  Iso18626Message send(Node from, Node to, IllMessage m) throws Exception {
    byte[] answer = transport.send(to.uri, from.codec.encode(m, null));
    Iso18626Document conf = reader.read(answer);
    assertTrue(conf.message().isConfirmation());
    return conf.message();
  }

  static MessageStatus status(Iso18626Message conf) {
    if (conf instanceof RequestConfirmation c) {
      return c.confirmationHeader().messageStatus();
    } else if (conf instanceof SupplyingAgencyMessageConfirmation c) {
      return c.confirmationHeader().messageStatus();
    }
    return ((RequestingAgencyMessageConfirmation) conf).confirmationHeader().messageStatus();
  }

  IllMessage.Builder fromXyz(MessageType t, String id) {
    return IllMessage.builder(t).sender(XYZ).recipient(ABC).requesterTransactionId(id).timestamp(Instant.now());
  }

  IllMessage.Builder fromAbc(MessageType t, String id) {
    return IllMessage.builder(t).sender(ABC).recipient(XYZ).requesterTransactionId(id).supplierTransactionId("S-" + id)
        .timestamp(Instant.now());
  }

  /** Both sides open the transaction: the requester's engine records its own request too. */
  void request(String id, ServiceType service) throws Exception {
    IllMessage req = fromXyz(MessageType.REQUEST, id).serviceType(service).item(Item.titled("Moby Dick")).build();
    assertEquals(MessageStatus.OK, status(send(requester, supplier, req)));
    requester.engine.states.put(id, StateModel.State.initial());
  }

  /** A requester action: the supplier checks it, the requester's own state follows. */
  MessageStatus act(String id, MessageType t) throws Exception {
    MessageStatus s = status(send(requester, supplier, fromXyz(t, id).build()));
    requester.engine.states.put(id, supplier.engine.states.get(id));
    return s;
  }

  MessageStatus answer(String id, IllMessage m) throws Exception {
    MessageStatus s = status(send(supplier, requester, m));
    supplier.engine.states.put(id, requester.engine.states.get(id));
    return s;
  }

  @Test
  void allSeedUseCasesOverHttpInBothRevisions() throws Exception {
    for (Iso18626Version v : Iso18626Version.values()) {
      start(v);
      // 1. request, cancel, cancel refused
      request("T1", ServiceType.LOAN);
      assertEquals(MessageStatus.OK, act("T1", MessageType.CANCEL));
      assertEquals(MessageStatus.OK, answer("T1", fromAbc(MessageType.CANCEL_REPLY, "T1").answer(false)
          .attribute(NeutralMapper.A_STATUS, "WillSupply").build()));
      assertEquals(Status.WILL_SUPPLY, requester.engine.states.get("T1").status());
      // 2. unfilled, not on shelf
      request("T2", ServiceType.LOAN);
      assertEquals(MessageStatus.OK, answer("T2", fromAbc(MessageType.UNFILLED, "T2").reason("NotOnShelf").build()));
      assertEquals("NotOnShelf", last(requester).reason());
      // 3. cost exceeds maximum -> retry possible -> retry -> completed -> received
      request("T3", ServiceType.COPY);
      assertEquals(MessageStatus.OK, answer("T3", fromAbc(MessageType.RETRY_POSSIBLE, "T3").reason("CostExceedsMaxCost")
          .attribute(NeutralMapper.A_OFFERED_COSTS, "USD 35").attribute(NeutralMapper.A_RETRY_BEFORE, "2013-07-31T16:00-06:00").build()));
      assertEquals("USD 35", last(requester).attributes().get(NeutralMapper.A_OFFERED_COSTS));
      IllMessage retry = fromXyz(MessageType.REQUEST, "T3R").serviceType(ServiceType.COPY).item(Item.titled("Article"))
          .attribute(NeutralMapper.A_REQUEST_TYPE, "Retry").attribute(NeutralMapper.A_PREVIOUS_REQUEST_ID, "T3")
          .attribute(NeutralMapper.A_MAXIMUM_COSTS, "USD 35").build();
      assertEquals(MessageStatus.OK, status(send(requester, supplier, retry)));
      requester.engine.states.put("T3R", StateModel.State.initial());
      assertEquals("T3", last(supplier).attributes().get(NeutralMapper.A_PREVIOUS_REQUEST_ID));
      assertEquals(MessageStatus.OK, answer("T3R", fromAbc(MessageType.SHIPPED, "T3R").serviceType(ServiceType.COPY).build()));
      assertEquals(MessageStatus.OK, act("T3R", MessageType.RECEIVED));
      // 4. loan life cycle with renewal and overdue
      request("T4", ServiceType.LOAN);
      assertEquals(MessageStatus.OK, answer("T4", fromAbc(MessageType.SHIPPED, "T4").serviceType(ServiceType.LOAN)
          .dueDate(LocalDate.of(2013, 12, 31)).attribute(NeutralMapper.A_ITEM_ID, "39000001").build()));
      assertEquals(MessageStatus.OK, act("T4", MessageType.RECEIVED));
      assertEquals(MessageStatus.OK, act("T4", MessageType.RENEW));
      assertEquals(MessageStatus.OK, answer("T4", fromAbc(MessageType.RENEW_ANSWER, "T4").answer(true)
          .dueDate(LocalDate.of(2014, 1, 31)).build()));
      assertEquals(LocalDate.of(2014, 1, 31), last(requester).dueDate());
      assertEquals(MessageStatus.OK, answer("T4", fromAbc(MessageType.OVERDUE, "T4").build()));
      assertEquals(MessageStatus.OK, act("T4", MessageType.RETURNED));
      assertEquals(MessageStatus.OK, answer("T4", fromAbc(MessageType.CHECKED_IN, "T4").build()));
      assertEquals(Status.LOAN_COMPLETED, requester.engine.states.get("T4").status());
      // ISIL ids arrived as ISIL
      assertEquals(XYZ, supplier.engine.accepted.get(0).sender());
      stop();
      nodes.clear();
    }
  }

  @Test
  void actionInvalidInTheCurrentStateIsAnsweredWithErrorData() throws Exception {
    start(Iso18626Version.V2017);
    request("T9", ServiceType.LOAN);
    Iso18626Message conf = send(requester, supplier, fromXyz(MessageType.RENEW, "T9").build());
    assertEquals(MessageStatus.ERROR, status(conf));
    ErrorData e = ((RequestingAgencyMessageConfirmation) conf).errorData().get(0);
    assertEquals(ErrorType.UNSUPPORTED_ACTION_TYPE, e.errorType());
    assertTrue(e.errorValue().contains("Renew"));
    Iso18626Message unknown = send(requester, supplier, fromXyz(MessageType.CANCEL, "NOPE").build());
    assertEquals(ErrorType.UNRECOGNISED_DATA_VALUE, ((RequestingAgencyMessageConfirmation) unknown).errorData().get(0).errorType());
    Iso18626Message badStatus = send(supplier, requester, fromAbc(MessageType.CHECKED_IN, "T9").build());
    assertEquals(MessageStatus.ERROR, status(badStatus));
    assertEquals(ErrorType.UNSUPPORTED_REASON_FOR_MESSAGE_TYPE,
        ((SupplyingAgencyMessageConfirmation) badStatus).errorData().get(0).errorType());
  }

  private static IllMessage last(Node n) {
    return n.engine.accepted.get(n.engine.accepted.size() - 1);
  }
}
