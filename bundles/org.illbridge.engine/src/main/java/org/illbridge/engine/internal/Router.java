package org.illbridge.engine.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.illbridge.api.store.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing decisions made inside a unit of work: what goes to which side with which ids, and the
 * lender rota (next lender, days-to-respond timer). Everything it does is written through the
 * unit of work, so it commits together with the message that caused it.
 */
public final class Router {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  /** Timer: the lender's days-to-respond elapsed without it supplying. */
  public static final String TIMER_DAYS_TO_RESPOND = "days-to-respond";
  /** Timer: the lender did not answer the status query sent after its days-to-respond. */
  public static final String TIMER_STATUS_QUERY_GRACE = "status-query-grace";

  /** Attribute of a home-system REQUEST: the rota as comma-separated partner keys. */
  public static final String ATTR_LENDERS = "bridge.lenders";
  /** Attribute the engine puts on notes to the home system: what kind of notice it is. */
  public static final String ATTR_NOTICE = "bridge.notice";

  /** Neutral reason when the rota is exhausted. */
  public static final String REASON_LENDERS_EXHAUSTED = "lenders-exhausted";
  /** Neutral reason when no lender in the list can be asked at all. */
  public static final String REASON_NO_LENDER = "no-eligible-lender";

  private final PartnerDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;

  public Router(PartnerDirectory directory, EngineSettings settings, Clock clock) {
    this.directory = Objects.requireNonNull(directory);
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
  }

  public Clock clock() {
    return clock;
  }

  public EngineSettings settings() {
    return settings;
  }

  public Optional<Partner> partner(String key) {
    return key == null ? Optional.empty() : directory.get(key).map(PartnerEntry::partner);
  }

  /**
   * Enqueues {@code message} to one side of {@code tx}, with that side's transaction ids and the
   * other side's agency as sender: the bridge is transparent to both.
   */
  public void sendTo(UnitOfWork uow, TransactionRecord tx, Role side, IllMessage message,
      boolean requestByReference) {
    TransactionSide to = side == Role.REQUESTER ? tx.requester() : tx.supplier();
    TransactionSide other = side == Role.REQUESTER ? tx.supplier() : tx.requester();
    if (to.partnerKey() == null) {
      LOG.warn("Transaction {}: no {} to send {} to", tx.bridgeKey(), side, message.type());
      return;
    }
    AgencyId sender = other.agencyId() != null ? other.agencyId() : message.sender();
    IllMessage rewritten =
        message.toBuilder()
            .requesterTransactionId(to.requesterTxId())
            .supplierTransactionId(to.supplierTxId())
            .sender(sender)
            .recipient(to.agencyId())
            .timestamp(message.timestamp() != null ? message.timestamp() : clock.instant())
            .build();
    byte[] payload = new OutboundEnvelope(rewritten, requestByReference).toJson();
    uow.enqueue(new NewOutboxItem(tx.bridgeKey(), to.partnerKey(), null, rewritten.type(),
        OutboundEnvelope.CONTENT_TYPE, payload, rewritten.patron() != null,
        orderingKey(tx.bridgeKey(), to.partnerKey()), null));
  }

  /**
   * Messages keep their order per transaction and destination: a dead letter towards a lender
   * must not hold back the notice that tells the home system about it.
   */
  public static String orderingKey(String bridgeKey, String partnerKey) {
    return "tx:" + bridgeKey + ">" + partnerKey;
  }

  /** Enqueues a note from the bridge itself to the requester (warnings, duplicate supply). */
  public void noticeToRequester(UnitOfWork uow, TransactionRecord tx, String notice, String text) {
    IllMessage note = IllMessage.builder(MessageType.NOTE)
        .note(text)
        .attribute(ATTR_NOTICE, notice)
        .timestamp(clock.instant())
        .build();
    sendTo(uow, tx, Role.REQUESTER, note, false);
  }

  /**
   * Moves the rota to the first lender at or after {@code startAt} that can be asked (known,
   * enabled, not blocked, not the requester itself), with a fresh requester transaction id, and
   * enqueues the request to it. When none is left the requester gets Unfilled.
   *
   * @param request the full request, or null to let the delivery rebuild it from the message log
   * @param reason the neutral reason passed to the requester if the list is exhausted
   * @return the saved transaction
   */
  public TransactionRecord nextLender(UnitOfWork uow, TransactionRecord tx, int startAt,
      IllMessage request, String reason) {
    uow.cancelTimers(tx.bridgeKey(), null);
    // The requesting library's own Blocked Lenders List (seed 000), read when the rota moves so
    // that a list changed while the request waits applies to the next attempt.
    Optional<Partner> requester = partner(tx.requester().partnerKey());
    for (int p = Math.max(0, startAt); p < tx.lenders().size(); p++) {
      String key = tx.lenders().get(p);
      Optional<Partner> lender = partner(key);
      String skip = lender.isEmpty() ? "unknown partner"
          : lender.get().blocked() ? "blocked"
          : !lender.get().enabled() ? "disabled"
          : lender.get().ids().isEmpty() ? "no agency id"
          : key.equals(tx.requester().partnerKey()) ? "is the requester"
          : requester.isPresent() && requester.get().blocksLender(key)
              ? "on the blocked lenders list of " + requester.get().key() : null;
      if (skip != null) {
        uow.audit("engine", "rota.skip", tx.bridgeKey(), key, "lender skipped: " + skip);
        continue;
      }
      Partner partner = lender.get();
      TransactionSide supplier = new TransactionSide(partner.key(), partner.primaryId(),
          TransactionIds.attemptId(tx.bridgeKey(), p), null);
      TransactionRecord next = uow.updateTransaction(
          tx.withLenderPosition(p).withSupplier(supplier).withState(TransactionState.REQUESTED)
              .withDueDate(null));
      IllMessage outbound = request != null ? request
          : IllMessage.builder(MessageType.REQUEST).serviceType(tx.serviceType()).build();
      sendTo(uow, next, Role.SUPPLIER, outbound, request == null);
      scheduleDaysToRespond(uow, next, partner);
      uow.audit("engine", "rota.request", tx.bridgeKey(), key,
          "request sent to lender " + (p + 1) + " of " + tx.lenders().size());
      return next;
    }
    TransactionRecord done = uow.updateTransaction(
        tx.withLenderPosition(tx.lenders().size()).withState(TransactionState.UNFILLED));
    IllMessage unfilled = IllMessage.builder(MessageType.UNFILLED)
        .reason(reason)
        .timestamp(clock.instant())
        .build();
    sendTo(uow, done, Role.REQUESTER, unfilled, false);
    uow.audit("engine", "rota.exhausted", tx.bridgeKey(), null, "no lender left: " + reason);
    return done;
  }

  /** Starts (or restarts) the current lender's days-to-respond. */
  public void scheduleDaysToRespond(UnitOfWork uow, TransactionRecord tx, Partner lender) {
    int days = lender.daysToRespond() > 0 ? lender.daysToRespond() : settings.defaultDaysToRespond();
    Instant due = clock.instant().plus(settings.days(days));
    uow.cancelTimers(tx.bridgeKey(), TIMER_STATUS_QUERY_GRACE);
    uow.scheduleTimer(tx.bridgeKey(), TIMER_DAYS_TO_RESPOND, due);
  }

  /** Sends the current lender a status query (same ids) and starts the grace period. */
  public void queryLender(UnitOfWork uow, TransactionRecord tx) {
    IllMessage query = IllMessage.builder(MessageType.STATUS_QUERY).timestamp(clock.instant()).build();
    sendTo(uow, tx, Role.SUPPLIER, query, false);
    uow.cancelTimers(tx.bridgeKey(), TIMER_DAYS_TO_RESPOND);
    uow.scheduleTimer(tx.bridgeKey(), TIMER_STATUS_QUERY_GRACE,
        clock.instant().plus(settings.statusQueryGrace()));
    uow.audit("engine", "rota.status-query", tx.bridgeKey(), tx.supplier().partnerKey(),
        "days to respond elapsed: status query sent to the lender");
  }
}
