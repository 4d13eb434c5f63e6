package org.illbridge.simulator.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.illbridge.iso10161.ApduDeliveryInfo;
import org.illbridge.iso10161.ApduDeliveryParameters;
import org.illbridge.iso10161.ApduEncoding;
import org.illbridge.iso10161.ApduHeader;
import org.illbridge.iso10161.ApduType;
import org.illbridge.iso10161.CancelReply;
import org.illbridge.iso10161.CheckedIn;
import org.illbridge.iso10161.CurrentState;
import org.illbridge.iso10161.DateDue;
import org.illbridge.iso10161.DeliveryAddress;
import org.illbridge.iso10161.Extension;
import org.illbridge.iso10161.HistoryReport;
import org.illbridge.iso10161.IllAnswer;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllRequest;
import org.illbridge.iso10161.IllServiceType;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.IsoDateTime;
import org.illbridge.iso10161.IsoDates;
import org.illbridge.iso10161.ItemId;
import org.illbridge.iso10161.ReasonCode;
import org.illbridge.iso10161.RenewAnswer;
import org.illbridge.iso10161.SearchType;
import org.illbridge.iso10161.ServiceDateTime;
import org.illbridge.iso10161.Shipped;
import org.illbridge.iso10161.StatusOrErrorReport;
import org.illbridge.iso10161.StatusReport;
import org.illbridge.iso10161.SupplyDetails;
import org.illbridge.iso10161.SystemAddress;
import org.illbridge.iso10161.SystemId;
import org.illbridge.iso10161.TransactionId;
import org.illbridge.iso10161.TransactionResults;
import org.illbridge.iso10161.TransactionType;
import org.illbridge.iso10161.UnfilledResults;
import org.illbridge.iso10161.WillSupplyResults;
import org.illbridge.simulator.internal.Journal.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated ISO 10161 lender (responder) with the quirks of one vendor:
 *
 * <ul>
 *   <li>RELAIS (seed 000): never sends Shipped (a filled request gets no answer at all; an
 *       unfilled one an ILL-Answer unfilled); ignores a request whose number it has seen before.
 *   <li>VDX (seed 000): standard: ILL-Answer will-supply, then Shipped; or ILL-Answer unfilled.
 *   <li>ALMA_TCP / ALMA_HTTP (seed 001): Shipped or ILL-Answer unfilled only; every APDU it
 *       sends carries the APDU-Delivery-Info extension naming sender and recipient.
 *   <li>OCLC (seed 002): refuses a request without title, verification source, ship-to and one of
 *       service level / need-before / expiry date with an ILL-Answer unfilled naming what is
 *       missing; never Will-Supply or Conditional; Shipped when filled.
 * </ul>
 *
 * After Shipped, all take Received and Returned and answer Returned with Checked-In; they answer
 * Status-Query (Status-Or-Error-Report), Cancel (Cancel-Reply) and Renew (Renew-Answer). Answers
 * go to the bridge on a new connection, as real peers do. A repeated request (same request
 * number) is answered again with the last answer sent, except by Relais, which ignores it.
 */
public final class Iso10161Lender extends PartnerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(Iso10161Lender.class);

  /** Extension identifier the simulator uses for APDU-Delivery-Info (local to the APDU). */
  static final long DELIVERY_INFO_EXTENSION_ID = 1;
  static final int LOAN_DAYS = 28;

  enum State { IN_PROCESS, WILL_SUPPLY, SHIPPED, UNFILLED, RECEIVED, RETURNED, CHECKED_IN, CANCELLED }

  private static final class Tx {
    final String key;
    final IllRequest request;
    State state = State.IN_PROCESS;
    ApduType lastService = ApduType.ILL_REQUEST;
    String lastServiceDate;
    IllApdu lastAnswer;
    int repeats;

    Tx(String key, IllRequest request) {
      this.key = key;
      this.request = request;
    }
  }

  private final Map<String, Tx> transactions = new ConcurrentHashMap<>();
  private final ApduListener listener;

  public Iso10161Lender(PartnerSettings settings) {
    super(settings);
    if (!settings.kind().iso10161()) {
      throw new IllegalArgumentException(settings.kind() + " is not an ISO 10161 partner");
    }
    listener = settings.kind() == PartnerKind.ALMA_HTTP
        ? new HttpApduListener(this, settings, this::onApdu)
        : new TcpApduListener(this, settings, this::onApdu);
  }

  @Override
  public void start() throws IOException {
    listener.start();
    LOG.info("Simulated {} lender {} listening on {}, answering to {}", settings.kind(),
        settings.symbol(), listener.describe(), settings.bridgeEndpoint());
  }

  @Override
  public int port() {
    return listener.port();
  }

  @Override
  public void close() {
    listener.close();
    super.close();
  }

  /** The key of a transaction: the requester's symbol and its request number. */
  static String txKey(ApduHeader h) {
    TransactionId t = h.transactionId();
    String requester = h.requesterId() == null || h.requesterId().symbol() == null ? "?"
        : h.requesterId().symbol().value().value();
    return requester + "/" + IllString.text(t.groupQualifier()) + "/"
        + IllString.text(t.qualifier()) + (t.subQualifier() == null ? "" : "/" + t.subQualifier());
  }

  /** Handles one APDU's bytes; returns false when they could not be decoded. */
  boolean onApdu(byte[] raw) {
    IllApdu apdu;
    try {
      apdu = berCodec.decode(raw);
    } catch (IllCodecException e) {
      journal.add(null, "?", Outcome.UNREADABLE, e.getMessage());
      LOG.warn("Simulated partner {}: unreadable APDU of {} bytes: {}", settings.symbol(),
          raw.length, e.getMessage());
      return false;
    }
    String key = txKey(apdu.header());
    if (apdu instanceof IllRequest r) {
      onRequest(key, r);
      return true;
    }
    Tx tx = transactions.get(key);
    if (tx == null) {
      if (apdu.type() == ApduType.STATUS_QUERY) {
        later(behaviour.answerDelayMs(), () -> send(key, "STATUS_OR_ERROR_REPORT",
            unknownReport(apdu.header())));
        journal.add(key, apdu.type().name(), Outcome.RECEIVED, "unknown transaction");
      } else {
        journal.add(key, apdu.type().name(), Outcome.REFUSED, "unknown transaction");
      }
      return true;
    }
    journal.add(key, apdu.type().name(), Outcome.RECEIVED, "");
    synchronized (tx) {
      switch (apdu.type()) {
        case RECEIVED -> {
          // One TCP connection per APDU: a Received may arrive after the Returned sent after it.
          // A lender's system does not take the item back out of RETURNED/CHECKED_IN for it.
          if (tx.state.ordinal() < State.RECEIVED.ordinal()) {
            transition(tx, State.RECEIVED, apdu);
          }
        }
        case RETURNED -> {
          transition(tx, State.RETURNED, apdu);
          later(behaviour.answerDelayMs(), () -> answerIf(tx, State.RETURNED, State.CHECKED_IN,
              () -> new CheckedIn(header(tx), today(), null, extensions(tx))));
        }
        case STATUS_QUERY -> later(behaviour.answerDelayMs(),
            () -> send(tx.key, "STATUS_OR_ERROR_REPORT", statusReport(tx)));
        case CANCEL -> {
          boolean yes = tx.state == State.IN_PROCESS || tx.state == State.WILL_SUPPLY;
          if (yes) {
            transition(tx, State.CANCELLED, apdu);
          }
          later(behaviour.answerDelayMs(), () -> send(tx.key, "CANCEL_REPLY",
              new CancelReply(header(tx), yes, null, extensions(tx))));
        }
        case RENEW -> later(behaviour.answerDelayMs(), () -> send(tx.key, "RENEW_ANSWER",
            new RenewAnswer(header(tx), true,
                new DateDue(IsoDates.format(LocalDate.now(ZoneOffset.UTC).plusDays(LOAN_DAYS)), true),
                null, extensions(tx))));
        default -> LOG.debug("Simulated partner {}: {} of {} needs no answer", settings.symbol(),
            apdu.type(), key);
      }
    }
    return true;
  }

  private void onRequest(String key, IllRequest r) {
    Tx fresh = new Tx(key, r);
    Tx existing = transactions.putIfAbsent(key, fresh);
    if (existing != null) {
      if (settings.kind() == PartnerKind.RELAIS) {
        // Seed 000: Relais "may assume the request has already been completed and may not act
        // upon the request a second time".
        journal.add(key, "ILL_REQUEST", Outcome.IGNORED, "request number seen before");
        return;
      }
      IllApdu last;
      int n;
      synchronized (existing) {
        last = existing.lastAnswer;
        n = ++existing.repeats;
      }
      journal.add(key, "ILL_REQUEST", Outcome.RECEIVED, "repeated; last answer sent again");
      if (last != null) {
        later(behaviour.answerDelayMs(), () -> send(key, last.type().name() + "#repeat" + n, last));
      }
      return;
    }
    if (settings.kind() == PartnerKind.OCLC) {
      List<String> missing = oclcMissingFields(r);
      if (!missing.isEmpty()) {
        String note = "Request refused, missing: " + String.join(", ", missing);
        journal.add(key, "ILL_REQUEST", Outcome.REFUSED, note);
        ReasonCode reason = missing.contains("title") || missing.contains("verification source")
            ? ReasonCode.NOT_FOUND_AS_CITED : ReasonCode.POLICY_PROBLEM;
        synchronized (fresh) {
          fresh.state = State.UNFILLED;
        }
        later(behaviour.answerDelayMs(), () -> send(key, "ILL_ANSWER_UNFILLED",
            unfilled(fresh, reason, note)));
        return;
      }
    }
    boolean fill = behaviour.fills(key);
    journal.add(key, "ILL_REQUEST", Outcome.RECEIVED, fill ? "will fill" : "will not fill");
    long delay = behaviour.answerDelayMs();
    if (!fill) {
      synchronized (fresh) {
        fresh.state = State.UNFILLED;
      }
      later(delay, () -> send(key, "ILL_ANSWER_UNFILLED",
          unfilled(fresh, ReasonCode.IN_USE_ON_LOAN, null)));
      return;
    }
    switch (settings.kind()) {
      case RELAIS -> {
        // Seed 000: Relais does not say when it ships. The item goes out; nothing is sent.
        synchronized (fresh) {
          fresh.state = State.SHIPPED;
          fresh.lastService = ApduType.SHIPPED;
          fresh.lastServiceDate = today();
        }
        journal.add(key, "SHIPPED", Outcome.IGNORED, "Relais ships without telling");
      }
      case VDX -> {
        later(delay, () -> {
          answerIf(fresh, State.IN_PROCESS, State.WILL_SUPPLY, () -> willSupply(fresh));
          later(delay, () -> answerIf(fresh, State.WILL_SUPPLY, State.SHIPPED,
              () -> shipped(fresh)));
        });
      }
      default -> later(delay, () -> answerIf(fresh, State.IN_PROCESS, State.SHIPPED,
          () -> shipped(fresh)));
    }
  }

  /** Seed 002: what an OCLC request must carry. */
  static List<String> oclcMissingFields(IllRequest r) {
    List<String> missing = new ArrayList<>();
    ItemId item = r.itemId();
    if (item == null || blank(item.title())) {
      missing.add("title");
    }
    if (item == null || blank(item.verificationReferenceSource())) {
      missing.add("verification source");
    }
    DeliveryAddress ship = r.deliveryAddress();
    if (ship == null || (ship.postalAddress() == null && ship.electronicAddress() == null)) {
      missing.add("ship to");
    }
    SearchType s = r.searchType();
    if (s == null || (blank(s.levelOfService()) && isBlank(s.needBeforeDate())
        && isBlank(s.expiryDate()))) {
      missing.add("service level, need-before date or expiry date");
    }
    return missing;
  }

  private static boolean blank(IllString s) {
    return s == null || s.value().isBlank();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private void transition(Tx tx, State to, IllApdu cause) {
    tx.state = to;
    tx.lastService = cause.type();
    tx.lastServiceDate = today();
  }

  /** Sends the answer only if the transaction is still where it was expected (not cancelled). */
  private void answerIf(Tx tx, State expected, State next, java.util.function.Supplier<IllApdu> answer) {
    IllApdu apdu;
    synchronized (tx) {
      if (tx.state != expected) {
        LOG.debug("Simulated partner {}: {} is {}, not sending {}", settings.symbol(), tx.key,
            tx.state, next);
        return;
      }
      tx.state = next;
      apdu = answer.get();
    }
    send(tx.key, apdu.type() == ApduType.ILL_ANSWER
        ? "ILL_ANSWER_" + ((IllAnswer) apdu).transactionResults().name() : apdu.type().name(), apdu);
  }

  private void send(String key, String what, IllApdu apdu) {
    Tx tx = transactions.get(key);
    if (tx != null && apdu.type() != ApduType.STATUS_OR_ERROR_REPORT) {
      synchronized (tx) {
        tx.lastAnswer = apdu;
        tx.lastService = apdu.type();
        tx.lastServiceDate = today();
      }
    }
    byte[] wire;
    try {
      wire = berCodec.encode(apdu);
    } catch (IllCodecException e) {
      journal.add(key, what, Outcome.FAILED, "cannot encode: " + e.getMessage());
      LOG.error("Simulated partner {}: cannot encode {}: {}", settings.symbol(), what,
          e.getMessage());
      return;
    }
    deliver(key, what, wire, Malformer::ber, "application/octet-stream");
  }

  // ------------------------------------------------------------------ APDUs

  private ApduHeader header(Tx tx) {
    ApduHeader req = tx.request.header();
    return new ApduHeader(2, req.transactionId(),
        new ServiceDateTime(now(), req.serviceDateTime() == null ? null
            : req.serviceDateTime().thisService()),
        req.requesterId(), ownId());
  }

  private SystemId ownId() {
    return SystemId.institution(settings.symbol());
  }

  private List<Extension> extensions(Tx tx) {
    if (settings.kind() != PartnerKind.ALMA_TCP && settings.kind() != PartnerKind.ALMA_HTTP) {
      return List.of();
    }
    // Seed 001: "Messages from Alma includes this extension ... to identify the sender and receiver."
    SystemAddress own = new SystemAddress(IllString.of(settings.kind() == PartnerKind.ALMA_HTTP
        ? "HTTP" : "TCP/IP"), IllString.of(listener.describe()));
    SystemAddress bridgeAddress = new SystemAddress(IllString.of(
        "tcp".equalsIgnoreCase(settings.bridgeEndpoint().getScheme()) ? "TCP/IP" : "HTTP"),
        IllString.of(settings.bridgeEndpoint().toString()));
    List<SystemId> recipient = tx.request.header().requesterId() == null ? List.of()
        : List.of(tx.request.header().requesterId());
    return List.of(new Extension(DELIVERY_INFO_EXTENSION_ID, false, new ApduDeliveryInfo(
        List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER), own, List.of(ownId()))),
        List.of(new ApduDeliveryParameters(List.of(ApduEncoding.BER), bridgeAddress, recipient)),
        null)));
  }

  private IllAnswer unfilled(Tx tx, ReasonCode reason, String note) {
    return new IllAnswer(header(tx), TransactionResults.UNFILLED, new UnfilledResults(reason, null),
        null, null, null, null, null, IllString.of(note), extensions(tx));
  }

  private IllAnswer willSupply(Tx tx) {
    return new IllAnswer(header(tx), TransactionResults.WILL_SUPPLY,
        new WillSupplyResults(ReasonCode.BEING_PROCESSED_FOR_SUPPLY, today(), null, null, null), null, null, null, null, null, null,
        extensions(tx));
  }

  private Shipped shipped(Tx tx) {
    IllServiceType type = tx.request.serviceTypes().contains(IllServiceType.LOAN)
        || tx.request.serviceTypes().isEmpty() ? IllServiceType.LOAN
        : tx.request.serviceTypes().get(0);
    DateDue due = type == IllServiceType.LOAN
        ? new DateDue(IsoDates.format(LocalDate.now(ZoneOffset.UTC).plusDays(LOAN_DAYS)), true)
        : null;
    return new Shipped(header(tx), null, null, null, null, TransactionType.SIMPLE, null, type,
        null, new SupplyDetails(today(), due, null, null, null, null, null, null, null, null),
        null, null, extensions(tx));
  }

  private StatusOrErrorReport statusReport(Tx tx) {
    CurrentState state;
    ApduType last;
    String lastDate;
    synchronized (tx) {
      state = switch (tx.state) {
        case IN_PROCESS -> CurrentState.IN_PROCESS;
        case WILL_SUPPLY -> CurrentState.IN_PROCESS;
        case SHIPPED -> CurrentState.SHIPPED;
        case UNFILLED -> CurrentState.NOT_SUPPLIED;
        case RECEIVED -> CurrentState.RECEIVED;
        case RETURNED -> CurrentState.RETURNED;
        case CHECKED_IN -> CurrentState.CHECKED_IN;
        case CANCELLED -> CurrentState.CANCELLED;
      };
      last = tx.lastService;
      lastDate = tx.lastServiceDate == null ? today() : tx.lastServiceDate;
    }
    ItemId item = tx.request.itemId();
    HistoryReport history = new HistoryReport(requestDate(tx.request.header()),
        item == null ? null : item.author(), item == null ? null : item.title(), null, null,
        lastDate, last, lastDate, ownId(), null, null, null);
    return new StatusOrErrorReport(header(tx), null, new StatusReport(history, state), null, null,
        extensions(tx));
  }

  private StatusOrErrorReport unknownReport(ApduHeader query) {
    ApduHeader h = new ApduHeader(2, query.transactionId(), new ServiceDateTime(now(), null),
        query.requesterId(), ownId());
    HistoryReport history = new HistoryReport(today(), null, null, null, null, today(),
        ApduType.STATUS_QUERY, today(), ownId(), null, null, null);
    return new StatusOrErrorReport(h, null, new StatusReport(history, CurrentState.UNKNOWN), null,
        IllString.of("No such request here"), List.of());
  }

  private static String requestDate(ApduHeader h) {
    return h.serviceDateTime() == null || h.serviceDateTime().thisService() == null ? today()
        : h.serviceDateTime().thisService().date();
  }

  private static String today() {
    return IsoDates.format(LocalDate.now(ZoneOffset.UTC));
  }

  private static IsoDateTime now() {
    return new IsoDateTime(today(), IsoDates.format(LocalTime.now(ZoneOffset.UTC).withNano(0)));
  }
}
