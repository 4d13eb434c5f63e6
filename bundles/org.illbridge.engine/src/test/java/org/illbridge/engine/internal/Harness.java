package org.illbridge.engine.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.transport.Transport;

/** The engine wired by hand on the in-memory store, with fake codecs, transports and dialects. */
final class Harness {
  static final Instant START = Instant.parse("2025-03-03T09:00:00Z");

  final FakeClock clock = new FakeClock(START);
  final MemoryStore store = new MemoryStore(clock);
  final Plugins plugins = new Plugins();
  final EngineSettings settings = new EngineSettings("home", 7, Duration.ofHours(24), Duration.ofSeconds(10));
  final Router router = new Router(store, settings, clock);
  final InboundProcessor inbound = new InboundProcessor(store, store, plugins, router);
  final OutboundDelivery delivery = new OutboundDelivery(store, plugins, router);
  final TimerRunner timers = new TimerRunner(store, plugins, router);
  final StaffActions actions = new StaffActions(store, store, router);
  final FakeTransport transport = new FakeTransport();

  Harness() {
    plugins.addDialect(new StandardDialect(), Map.of(Dialect.PROPERTY_ID, "standard"));
    for (Protocol p : Protocol.values()) {
      plugins.addCodec(new FakeCodec(p));
    }
    plugins.addTransport(transport, Map.of(Transport.PROPERTY_SCHEME, new String[] {"tcp", "http"}));
    partner("home", "ISIL:CA-HOME", Protocol.REST, "standard", 7, "http://home.example/hook");
  }

  Partner partner(String key, String agency, Protocol protocol, String dialect, int days, String... endpoints) {
    List<Endpoint> eps = new ArrayList<>();
    for (String e : endpoints) {
      eps.add(new Endpoint(URI.create(e), null, null));
    }
    Partner p = new Partner(key, key.toUpperCase(), List.of(AgencyId.parse(agency)), protocol, dialect, eps,
        days, false, false, true, true);
    return save(p);
  }

  Partner save(Partner p) {
    long version = store.get(p.key()).map(PartnerEntry::version).orElse(0L);
    store.save(new PartnerEntry(p, null, null, null, version), "test");
    return p;
  }

  Partner lender(String key) {
    return partner(key, "NUC:" + key.toUpperCase(), Protocol.ISO10161, "standard", 7,
        "tcp://" + key + ".example:499");
  }

  /** The home system asks for an item from these lenders. */
  InboundResult homeRequest(String homeTxId, String... lenders) {
    IllMessage request = IllMessage.builder(MessageType.REQUEST)
        .requesterTransactionId(homeTxId)
        .sender(AgencyId.parse("ISIL:CA-HOME"))
        .serviceType(ServiceType.LOAN)
        .item(new Item("Moby Dick", "Melville", "9780142437247", null, null, null, null, null, null,
            null, null, null))
        .patron(new Patron("P-1", "Ishmael", "faculty"))
        .timestamp(clock.instant())
        .attribute(Router.ATTR_LENDERS, String.join(",", lenders))
        .build();
    return receive(Protocol.REST, request);
  }

  /** A message from a partner, encoded as the fake codec would and handed to the engine. */
  InboundResult receive(Protocol protocol, IllMessage message) {
    byte[] raw = new OutboundEnvelope(message, false).toJson();
    return inbound.handle(new InboundMessage(protocol, raw, message, null, null, clock.instant()));
  }

  /** A message from a lender on the transaction, with the ids the lender was given. */
  InboundResult fromLender(TransactionRecord tx, MessageType type, java.util.function.UnaryOperator<IllMessage.Builder> extra) {
    IllMessage.Builder b = IllMessage.builder(type)
        .requesterTransactionId(tx.supplier().requesterTxId())
        .supplierTransactionId(tx.supplier().supplierTxId())
        .sender(tx.supplier().agencyId())
        .recipient(tx.requester().agencyId())
        .timestamp(clock.instant());
    return receive(Protocol.ISO10161, extra.apply(b).build());
  }

  InboundResult fromHome(TransactionRecord tx, MessageType type) {
    return receive(Protocol.REST, IllMessage.builder(type)
        .requesterTransactionId(tx.requester().requesterTxId())
        .supplierTransactionId(tx.bridgeKey())
        .sender(tx.requester().agencyId())
        .timestamp(clock.instant())
        .build());
  }

  TransactionRecord tx(String key) {
    return store.find(key).orElseThrow();
  }

  static String key(InboundResult result) {
    return ((InboundResult.Accepted) result).transactionKey();
  }

  /** Neutral messages a fake transport received for an endpoint host. */
  List<IllMessage> sentTo(String host) {
    List<IllMessage> out = new ArrayList<>();
    for (FakeTransport.Sent s : transport.sent) {
      if (s.endpoint().getHost().equals(host)) {
        out.add(FakeCodec.decodeWire(s.payload()));
      }
    }
    return out;
  }

  // --- fakes -----------------------------------------------------------------------------

  /** Encodes the neutral message as the engine's own JSON, tagged with the protocol. */
  static final class FakeCodec implements ProtocolCodec {
    private final Protocol protocol;

    FakeCodec(Protocol protocol) {
      this.protocol = protocol;
    }

    @Override
    public Protocol protocol() {
      return protocol;
    }

    @Override
    public IllMessage decode(byte[] wire, Partner partner) throws CodecException {
      return decodeWire(wire);
    }

    @Override
    public byte[] encode(IllMessage message, Partner partner) throws CodecException {
      if (message.attributes().containsKey("test.fail-encode")) {
        throw new CodecException(CodecException.Kind.UNRECOGNISED_DATA_ELEMENT, "title is required");
      }
      return new OutboundEnvelope(message, false).toJson();
    }

    static IllMessage decodeWire(byte[] wire) {
      try {
        return OutboundEnvelope.fromJson(wire).message();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  static final class FakeTransport implements Transport {
    record Sent(URI endpoint, byte[] payload) {}

    final List<Sent> sent = new ArrayList<>();
    final Set<String> failingHosts = new HashSet<>();

    @Override
    public synchronized byte[] send(URI endpoint, byte[] payload) throws IOException {
      if (failingHosts.contains(endpoint.getHost())) {
        throw new IOException("connection refused: " + endpoint);
      }
      sent.add(new Sent(endpoint, payload.clone()));
      return new byte[0];
    }
  }

  static final class FakeDialect implements Dialect {
    private final String id;
    final Set<MessageType> supported = EnumSet.allOf(MessageType.class);
    BiFunction<IllMessage, Partner, OutboundDecision> outbound = (m, p) -> OutboundDecision.send(m);
    final Map<MessageType, Integer> calls = new HashMap<>();

    FakeDialect(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<MessageType> supportedOutbound(Role bridgeRole) {
      return supported;
    }

    @Override
    public OutboundDecision outbound(IllMessage message, Partner partner) {
      calls.merge(message.type(), 1, Integer::sum);
      return outbound.apply(message, partner);
    }
  }
}
