package org.illbridge.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.illbridge.api.model.AgencyId;
import org.illbridge.iso18626.Action;
import org.illbridge.iso18626.AgencyIdentifier;
import org.illbridge.iso18626.ConfirmationHeader;
import org.illbridge.iso18626.ErrorData;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Header;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626CodecException;
import org.illbridge.iso18626.Iso18626Document;
import org.illbridge.iso18626.Iso18626Message;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.MessageInfo;
import org.illbridge.iso18626.MessageStatus;
import org.illbridge.iso18626.ReasonForMessage;
import org.illbridge.iso18626.Request;
import org.illbridge.iso18626.RequestConfirmation;
import org.illbridge.iso18626.RequestingAgencyMessage;
import org.illbridge.iso18626.RequestingAgencyMessageConfirmation;
import org.illbridge.iso18626.SchemeValue;
import org.illbridge.iso18626.Status;
import org.illbridge.iso18626.StatusInfo;
import org.illbridge.iso18626.SupplyingAgencyMessage;
import org.illbridge.iso18626.SupplyingAgencyMessageConfirmation;
import org.illbridge.iso18626.YesNo;
import org.illbridge.simulator.internal.Journal.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generic ISO 18626 supplying agency (seed 004's use cases) on an embedded JDK HTTP server:
 * confirms a Request in the HTTP response, then POSTs SupplyingAgencyMessages to the bridge:
 * RequestResponse WillSupply then StatusChange Loaned, or RequestResponse Unfilled. Takes
 * Received and ShippedReturn (answering ShippedReturn with StatusChange LoanCompleted),
 * StatusRequest, Cancel and Renew. During a down period it answers HTTP 503. The Alma kind
 * answers a filled request with RequestResponse Loaned at once (its profile has no Will-Supply).
 */
public final class Iso18626Supplier extends PartnerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(Iso18626Supplier.class);
  static final String CONTENT_TYPE = "application/xml; charset=UTF-8";
  static final int LOAN_DAYS = 28;

  private static final class Tx {
    final String key;
    final Request request;
    final Iso18626Version version;
    final String supplierRequestId;
    Status status = Status.REQUEST_RECEIVED;

    Tx(String key, Request request, Iso18626Version version, String supplierRequestId) {
      this.key = key;
      this.request = request;
      this.version = version;
      this.supplierRequestId = supplierRequestId;
    }
  }

  private final Iso18626Codec codec = new Iso18626Codec(Iso18626Codec.Options.lenientDefaults());
  private final Map<String, Tx> transactions = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private HttpServer server;
  private ExecutorService executor;

  public Iso18626Supplier(PartnerSettings settings) {
    super(settings);
    if (settings.kind().iso10161()) {
      throw new IllegalArgumentException(settings.kind() + " is not an ISO 18626 partner");
    }
  }

  @Override
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.listenHost()),
        settings.listenPort()), 50);
    AtomicInteger n = new AtomicInteger();
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "simulator-" + settings.symbol() + "-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(settings.listenPath(), this::exchange);
    server.start();
    LOG.info("Simulated ISO 18626 supplier {} listening on http://{}:{}{}, answering to {}",
        settings.agencyId(), settings.listenHost(), port(), settings.listenPath(),
        settings.bridgeEndpoint());
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    super.close();
  }

  private void exchange(HttpExchange ex) throws IOException {
    try {
      if (isDown()) {
        ex.sendResponseHeaders(503, -1);
        return;
      }
      if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "POST");
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = HttpBodies.read(ex.getRequestBody(), codec.options().maxBytes());
      if (body == null) {
        ex.sendResponseHeaders(413, -1);
        return;
      }
      fromBridge(body, System.nanoTime());
      byte[] reply = onMessage(body);
      if (reply == null) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      ex.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
      ex.sendResponseHeaders(200, reply.length);
      ex.getResponseBody().write(reply);
    } finally {
      ex.close();
    }
  }

  /** Handles one message; returns the confirmation's bytes, or null when unreadable. */
  byte[] onMessage(byte[] body) {
    Iso18626Document doc;
    try {
      doc = codec.read(body);
    } catch (Iso18626CodecException e) {
      journal.add(null, "?", Outcome.UNREADABLE, e.getMessage());
      LOG.warn("Simulated partner {}: unreadable ISO 18626 message: {}", settings.symbol(),
          e.getMessage());
      return null;
    }
    Iso18626Message m = doc.message();
    if (m instanceof Request r) {
      return confirmRequest(r, doc.version());
    }
    if (m instanceof RequestingAgencyMessage ram) {
      return onRequestingAgencyMessage(ram, doc.version());
    }
    journal.add(null, Iso18626Codec.elementName(m), Outcome.REFUSED, "not for a supplier");
    return null;
  }

  static String txKey(Header h) {
    String requester = h == null || h.requestingAgencyId() == null ? "?"
        : h.requestingAgencyId().value();
    return requester + "/" + (h == null ? null : h.requestingAgencyRequestId());
  }

  private byte[] confirmRequest(Request r, Iso18626Version version) {
    String key = txKey(r.header());
    Tx fresh = new Tx(key, r, version, settings.symbol() + "-" + sequence.incrementAndGet());
    Tx existing = transactions.putIfAbsent(key, fresh);
    byte[] confirmation = write(key, "RequestConfirmation", new RequestConfirmation(
        confirmationHeader(r.header(), MessageStatus.OK), List.of()), version);
    if (existing != null) {
      journal.add(key, "Request", Outcome.IGNORED, "request seen before; confirmed again");
      return confirmation;
    }
    boolean fill = behaviour.fills(key);
    journal.add(key, "Request", Outcome.RECEIVED, fill ? "will fill" : "will not fill");
    long delay = behaviour.answerDelayMs();
    if (fill && settings.kind() == PartnerKind.ALMA_ISO18626) {
      later(delay, () -> {
        if (move(fresh, Status.REQUEST_RECEIVED, Status.LOANED)) {
          send(fresh, ReasonForMessage.REQUEST_RESPONSE, Status.LOANED, null, null);
        }
      });
    } else if (fill) {
      later(delay, () -> {
        if (move(fresh, Status.REQUEST_RECEIVED, Status.WILL_SUPPLY)) {
          send(fresh, ReasonForMessage.REQUEST_RESPONSE, Status.WILL_SUPPLY, null, null);
          later(delay, () -> {
            if (move(fresh, Status.WILL_SUPPLY, Status.LOANED)) {
              send(fresh, ReasonForMessage.STATUS_CHANGE, Status.LOANED, null, null);
            }
          });
        }
      });
    } else {
      later(delay, () -> {
        if (move(fresh, Status.REQUEST_RECEIVED, Status.UNFILLED)) {
          send(fresh, ReasonForMessage.REQUEST_RESPONSE, Status.UNFILLED, null,
              new SchemeValue("NotOnShelf", null));
        }
      });
    }
    return confirmation;
  }

  private byte[] onRequestingAgencyMessage(RequestingAgencyMessage ram, Iso18626Version version) {
    String key = txKey(ram.header());
    Tx tx = transactions.get(key);
    Action action = ram.action();
    String what = action == null ? "RequestingAgencyMessage" : action.code();
    if (tx == null) {
      journal.add(key, what, Outcome.REFUSED, "unknown transaction");
      return write(key, "RequestingAgencyMessageConfirmation",
          new RequestingAgencyMessageConfirmation(confirmationHeader(ram.header(),
              MessageStatus.ERROR), action, List.of(new ErrorData(ErrorType.UNRECOGNISED_DATA_VALUE,
              "requestingAgencyRequestId"))), version);
    }
    journal.add(key, what, Outcome.RECEIVED, "");
    long delay = behaviour.answerDelayMs();
    if (action != null) {
      switch (action) {
        case RECEIVED -> LOG.debug("Simulated partner {}: {} arrived", settings.symbol(), key);
        case SHIPPED_RETURN -> later(delay, () -> {
          if (move(tx, Status.LOANED, Status.LOAN_COMPLETED)
              || move(tx, Status.OVERDUE, Status.LOAN_COMPLETED)) {
            send(tx, ReasonForMessage.STATUS_CHANGE, Status.LOAN_COMPLETED, null, null);
          }
        });
        case STATUS_REQUEST -> later(delay, () -> send(tx, ReasonForMessage.STATUS_REQUEST_RESPONSE,
            currentStatus(tx), null, null));
        case CANCEL -> {
          // decided on arrival: what was due to be sent after it is no longer sent
          boolean yes = move(tx, Status.REQUEST_RECEIVED, Status.CANCELLED)
              || move(tx, Status.WILL_SUPPLY, Status.CANCELLED);
          later(delay, () -> send(tx, ReasonForMessage.CANCEL_RESPONSE, currentStatus(tx),
              yes ? YesNo.Y : YesNo.N, null));
        }
        case RENEW -> later(delay, () -> send(tx, ReasonForMessage.RENEW_RESPONSE,
            currentStatus(tx), YesNo.Y, null));
        default -> LOG.debug("Simulated partner {}: {} of {} needs no answer", settings.symbol(),
            action, key);
      }
    }
    return write(key, "RequestingAgencyMessageConfirmation",
        new RequestingAgencyMessageConfirmation(confirmationHeader(ram.header(), MessageStatus.OK),
            action, List.of()), version);
  }

  private boolean move(Tx tx, Status from, Status to) {
    synchronized (tx) {
      if (tx.status != from) {
        return false;
      }
      tx.status = to;
      return true;
    }
  }

  private Status currentStatus(Tx tx) {
    synchronized (tx) {
      return tx.status;
    }
  }

  private void send(Tx tx, ReasonForMessage reason, Status status, YesNo answer,
      SchemeValue reasonUnfilled) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    Header req = tx.request.header();
    Header h = new Header(ownAgency(), req.requestingAgencyId(), null,
        tx.version == Iso18626Version.V2017 ? req.multipleItemRequestId() : null, now,
        req.requestingAgencyRequestId(), tx.supplierRequestId, null);
    OffsetDateTime due = status == Status.LOANED || reason == ReasonForMessage.RENEW_RESPONSE
        ? now.plusDays(LOAN_DAYS) : null;
    SupplyingAgencyMessage sam = new SupplyingAgencyMessage(h,
        new MessageInfo(reason, answer, null, reasonUnfilled, null),
        new StatusInfo(status, null, due, now), null, null, null, null);
    String what = status.code() + (reason == ReasonForMessage.REQUEST_RESPONSE
        || reason == ReasonForMessage.STATUS_CHANGE ? "" : "#" + reason.code());
    byte[] wire = write(tx.key, what, sam, tx.version);
    if (wire != null) {
      deliver(tx.key, what, wire, Malformer::xml, CONTENT_TYPE);
    }
  }

  @Override
  void onBridgeReply(String txKey, String what, byte[] reply) {
    if (reply.length == 0 || !contains(reply, ERROR_BYTES)) {
      return; // an OK confirmation needs no parsing (its messageStatus would say ERROR otherwise)
    }
    try {
      Iso18626Message m = codec.read(reply).message();
      if (m instanceof SupplyingAgencyMessageConfirmation c && c.confirmationHeader() != null
          && c.confirmationHeader().messageStatus() == MessageStatus.ERROR) {
        journal.add(txKey, what, Outcome.REFUSED, "bridge confirmed with an error: "
            + c.errorData());
      }
    } catch (Iso18626CodecException e) {
      LOG.debug("Simulated partner {}: unreadable confirmation from the bridge: {}",
          settings.symbol(), e.getMessage());
    }
  }

  private static final byte[] ERROR_BYTES = "ERROR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Whether {@code what} occurs in {@code bytes} (naive search; both are short). */
  static boolean contains(byte[] bytes, byte[] what) {
    outer:
    for (int i = 0; i <= bytes.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (bytes[i + j] != what[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private AgencyIdentifier ownAgency() {
    AgencyId id = settings.agencyId();
    return new AgencyIdentifier(new SchemeValue(id.scheme().name(), null), id.value());
  }

  private ConfirmationHeader confirmationHeader(Header received, MessageStatus status) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    return new ConfirmationHeader(received == null ? ownAgency() : received.supplyingAgencyId(),
        received == null ? null : received.requestingAgencyId(), now,
        received == null ? null : received.requestingAgencyRequestId(), null,
        received == null ? null : received.timestamp(), status);
  }

  /** Encodes; the confirmation itself may be garbled too (malformed-reply rate). */
  private byte[] write(String key, String what, Iso18626Message m, Iso18626Version version) {
    try {
      byte[] wire = codec.write(m, version);
      if (m.isConfirmation() && behaviour.garbles(key, what)) {
        journal.add(key, what, Outcome.MALFORMED, "confirmation garbled on purpose");
        return Malformer.xml(wire);
      }
      return wire;
    } catch (Iso18626CodecException e) {
      journal.add(key, what, Outcome.FAILED, "cannot encode: " + e.getMessage());
      LOG.error("Simulated partner {}: cannot encode {}: {}", settings.symbol(), what,
          e.getMessage());
      return m.isConfirmation() ? new byte[0] : null;
    }
  }
}
