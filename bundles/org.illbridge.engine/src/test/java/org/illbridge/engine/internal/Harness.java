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

  final FakeClock clock;
  final MemoryStore store;
  final org.illbridge.api.store.TransactionStore txStore;
  final org.illbridge.api.store.PartnerDirectory directory;
  final org.illbridge.api.store.Outbox outbox;
  final Plugins plugins = new Plugins();
  final EngineSettings settings;
  final Router router;
  final InboundProcessor inbound;
  final OutboundDelivery delivery;
  final TimerRunner timers;
  final StaffActions actions;
  final FakeTransport transport = new FakeTransport();

  Harness() {
    this(new FakeClock(START), null, null, null);
  }

  /** On the given store SPIs (all null: the in-memory store). */
  Harness(FakeClock clock, org.illbridge.api.store.TransactionStore txStore,
      org.illbridge.api.store.PartnerDirectory directory, org.illbridge.api.store.Outbox outbox) {
    this(clock, txStore, directory, outbox,
        new EngineSettings("home", 7, Duration.ofHours(24), Duration.ofSeconds(10)));
  }

  /** On the in-memory store with the given settings. */
  Harness(EngineSettings settings) {
    this(new FakeClock(START), null, null, null, settings);
  }

  Harness(FakeClock clock, org.illbridge.api.store.TransactionStore txStore,
      org.illbridge.api.store.PartnerDirectory directory, org.illbridge.api.store.Outbox outbox,
      EngineSettings settings) {
    this.settings = settings;
    this.clock = clock;
    this.store = txStore == null ? new MemoryStore(clock) : null;
    this.txStore = txStore != null ? txStore : store;
    this.directory = directory != null ? directory : store;
    this.outbox = outbox != null ? outbox : store;
    this.router = new Router(this.directory, settings, clock);
    this.inbound = new InboundProcessor(this.txStore, this.directory, plugins, router);
    this.delivery = new OutboundDelivery(this.txStore, plugins, router);
    this.timers = new TimerRunner(this.txStore, plugins, router);
    this.actions = new StaffActions(this.txStore, router, this.inbound);
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
    long version = directory.get(p.key()).map(PartnerEntry::version).orElse(0L);
    directory.save(new PartnerEntry(p, null, null, null, version), "test");
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
    return txStore.find(key).orElseThrow();
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

  /** Plays the outbox worker on whichever store: delivers due rows in order until none is due. */
  List<org.illbridge.api.store.DeliveryOutcome> drain() {
    if (store != null) {
      return store.drain(delivery);
    }
    List<org.illbridge.api.store.DeliveryOutcome> outcomes = new ArrayList<>();
    for (int round = 0; round < 100; round++) {
      List<org.illbridge.api.store.OutboxItem> due =
          outbox.claimDue(clock.instant(), 50, 50, Map.of(), Duration.ofMinutes(1));
      if (due.isEmpty()) {
        return outcomes;
      }
      for (org.illbridge.api.store.OutboxItem item : due) {
        org.illbridge.api.store.DeliveryOutcome outcome;
        try {
          outcome = delivery.deliver(item);
        } catch (Exception e) {
          outcome = org.illbridge.api.store.DeliveryOutcome.retry(e.toString());
        }
        outcomes.add(outcome);
        Instant now = clock.instant();
        if (outcome instanceof org.illbridge.api.store.DeliveryOutcome.Delivered d && !d.marked()) {
          outbox.markDelivered(item.id(), now);
        } else if (outcome instanceof org.illbridge.api.store.DeliveryOutcome.Retry r) {
          outbox.markRetry(item.id(), r.reason(), now.plusSeconds(60), true, now);
        } else if (outcome instanceof org.illbridge.api.store.DeliveryOutcome.Hold hold) {
          outbox.markRetry(item.id(), hold.reason(), now.plus(hold.delay()), false, now);
        } else if (outcome instanceof org.illbridge.api.store.DeliveryOutcome.Fail f) {
          outbox.markDead(item.id(), f.reason(), now);
        }
      }
    }
    throw new AssertionError("outbox did not drain");
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

    /** A reply "REFUSED <why>" is a refusal. */
    @Override
    public String refusal(byte[] reply) {
      String text = new String(reply, java.nio.charset.StandardCharsets.UTF_8);
      return text.startsWith("REFUSED ") ? text.substring(8) : null;
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
    /** Runs inside each send (e.g. time passing while the peer takes the bytes). */
    Runnable duringSend = () -> { };
    /** Host -> the reply it gives (e.g. a refusal the FakeCodec recognises). */
    final Map<String, byte[]> replies = new HashMap<>();

    @Override
    public synchronized byte[] send(URI endpoint, byte[] payload) throws IOException {
      if (failingHosts.contains(endpoint.getHost())) {
        throw new IOException("connection refused: " + endpoint);
      }
      duringSend.run();
      sent.add(new Sent(endpoint, payload.clone()));
      return replies.getOrDefault(endpoint.getHost(), new byte[0]).clone();
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
