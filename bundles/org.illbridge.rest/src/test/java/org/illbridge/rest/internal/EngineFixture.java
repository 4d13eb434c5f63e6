package org.illbridge.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.transport.Transport;
import org.illbridge.engine.internal.EngineSettings;
import org.illbridge.engine.internal.InboundProcessor;
import org.illbridge.engine.internal.OutboundDelivery;
import org.illbridge.engine.internal.Plugins;
import org.illbridge.engine.internal.Router;
import org.illbridge.engine.internal.StaffActions;
import org.illbridge.engine.internal.StandardDialect;
import org.illbridge.store.internal.DerbyDatabase;
import org.illbridge.store.internal.JdbcOutbox;
import org.illbridge.store.internal.JdbcPartnerDirectory;
import org.illbridge.store.internal.JdbcTransactionStore;

/**
 * The real engine components (public classes of its internal package) on the real Derby store,
 * wired by hand as its DS component would, with this bundle's codec and webhook transport for the
 * home system and a small recording stand-in for ISO lenders (tcp endpoints).
 */
final class EngineFixture implements AutoCloseable {
  static final String API_KEY = "k3y-for-tests-0123456789abcdef";
  static final String SECRET = "webhook-secret";
  static final String HOME_AGENCY = "ISIL:CA-HOME";

  final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T09:00:00Z"));
  final DerbyDatabase db;
  final JdbcTransactionStore store;
  final JdbcPartnerDirectory directory;
  final JdbcOutbox outbox;
  final Plugins plugins = new Plugins();
  final Router router;
  final InboundProcessor inbound;
  final OutboundDelivery delivery;
  final StaffActions actions;
  final LenderTransport lenders = new LenderTransport();
  final WebhookReceiver home;
  final RestApi api;

  EngineFixture(Path dir) throws IOException {
    db = DerbyDatabase.open(dir.resolve("db"));
    store = new JdbcTransactionStore(db.dataSource(), clock);
    directory = new JdbcPartnerDirectory(db.dataSource(), clock);
    outbox = new JdbcOutbox(db.dataSource(), clock);
    router = new Router(directory, new EngineSettings("home", 7, Duration.ofHours(24), Duration.ofSeconds(10)), clock);
    inbound = new InboundProcessor(store, directory, plugins, router);
    delivery = new OutboundDelivery(store, plugins, router);
    actions = new StaffActions(store, router, inbound);
    plugins.addDialect(new StandardDialect(), Map.of(Dialect.PROPERTY_ID, StandardDialect.ID));
    plugins.addCodec(new RestMessageCodec(Labels.english()));
    plugins.addCodec(new LenderCodec());
    plugins.addTransport(lenders, Map.of(Transport.PROPERTY_SCHEME, "tcp"));
    plugins.addTransport(new WebhookTransport(SECRET, Duration.ofSeconds(5), Duration.ofSeconds(5), clock),
        Map.of(Transport.PROPERTY_SCHEME, new String[] {WebhookTransport.SCHEME_HTTP, WebhookTransport.SCHEME_HTTPS}));
    home = new WebhookReceiver();
    partner("home", HOME_AGENCY, Protocol.REST, home.endpoint().toString());
    partner("bvas", "NUC:BVAS", Protocol.ISO10161, "tcp://bvas.example:499");
    partner("bvau", "NUC:BVAU", Protocol.ISO10161, "tcp://bvau.example:499");
    api = api(ApiKeys.parse(new String[] {"frontdesk:" + ApiKeys.hashOf(API_KEY)}), "home");
  }

  RestApi api(ApiKeys keys, String homeKey) {
    return new RestApi(actions, store, directory, keys, homeKey, 1 << 20, clock);
  }

  void partner(String key, String agency, Protocol protocol, String endpoint) {
    directory.save(PartnerEntry.of(new Partner(key, key.toUpperCase(Locale.ROOT), List.of(AgencyId.parse(agency)),
        protocol, StandardDialect.ID, List.of(new Endpoint(URI.create(endpoint), null, null)), 7, false,
        false, true, true), null), "test");
  }

  /** A call with the test key unless headers say otherwise ({@code name, value} pairs). */
  ApiResponse call(String method, String path, String body, String... headers) {
    return call(api, method, path, body, headers);
  }

  ApiResponse call(RestApi target, String method, String path, String body, String... headers) {
    // Each call a second later: the engine's dedupe key includes the message timestamp.
    clock.advance(Duration.ofSeconds(1));
    Map<String, String> h = new HashMap<>();
    h.put(RestApi.API_KEY_HEADER.toLowerCase(Locale.ROOT), API_KEY);
    if (body != null) {
      h.put("content-type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] == null) {
        h.remove(headers[i].toLowerCase(Locale.ROOT));
      } else {
        h.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
      }
    }
    int q = path.indexOf('?');
    InputStream in = new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    return target.handle(new ApiRequest(method, q < 0 ? path : path.substring(0, q),
        q < 0 ? null : path.substring(q + 1), name -> h.get(name.toLowerCase(Locale.ROOT)), in, null));
  }

  /** A message from an ISO lender, as its transport would hand it over. */
  InboundResult fromLender(IllMessage m) {
    return inbound.handle(new InboundMessage(Protocol.ISO10161, MessageJson.write(m, null), m, null, null, clock.instant()));
  }

  /** Plays the outbox worker: delivers due rows in order until none is due. */
  List<DeliveryOutcome> drain() {
    List<DeliveryOutcome> outcomes = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      List<OutboxItem> due = outbox.claimDue(clock.instant(), 50, 50, Map.of(), Duration.ofMinutes(1));
      if (due.isEmpty()) {
        return outcomes;
      }
      for (OutboxItem item : due) {
        DeliveryOutcome outcome;
        try {
          outcome = delivery.deliver(item);
        } catch (Exception e) {
          outcome = DeliveryOutcome.retry(e.toString());
        }
        outcomes.add(outcome);
        Instant now = clock.instant();
        if (outcome instanceof DeliveryOutcome.Delivered) {
          outbox.markDelivered(item.id(), now);
        } else if (outcome instanceof DeliveryOutcome.Retry r) {
          outbox.markRetry(item.id(), r.reason(), now.plusSeconds(600), true, now);
        } else if (outcome instanceof DeliveryOutcome.Hold hold) {
          outbox.markRetry(item.id(), hold.reason(), now.plusSeconds(600), false, now);
        } else if (outcome instanceof DeliveryOutcome.Fail f) {
          outbox.markDead(item.id(), f.reason(), now);
        }
      }
    }
    throw new AssertionError("the outbox did not drain");
  }

  @Override
  public void close() {
    home.close();
    db.close();
  }

  /** Stand-in for an ISO codec: the lender side is not what this bundle tests. */
  static final class LenderCodec implements ProtocolCodec {
    @Override
    public Protocol protocol() {
      return Protocol.ISO10161;
    }

    @Override
    public IllMessage decode(byte[] wire, Partner partner) throws CodecException {
      try {
        return MessageJson.read(wire);
      } catch (InvalidInputException e) {
        throw new CodecException(CodecException.Kind.MALFORMED, e.getMessage());
      }
    }

    @Override
    public byte[] encode(IllMessage message, Partner partner) {
      return MessageJson.write(message, null);
    }
  }

  /** Records what the engine sends to tcp:// lenders. */
  static final class LenderTransport implements Transport {
    record Sent(URI endpoint, IllMessage message) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public byte[] send(URI endpoint, byte[] payload) throws IOException {
      try {
        sent.add(new Sent(endpoint, MessageJson.read(payload)));
      } catch (InvalidInputException e) {
        throw new IOException(e);
      }
      return new byte[0];
    }

    List<IllMessage> to(String host) {
      return sent.stream().filter(s -> s.endpoint().getHost().equals(host)).map(Sent::message).toList();
    }
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
