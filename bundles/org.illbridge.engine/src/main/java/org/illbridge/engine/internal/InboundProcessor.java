package org.illbridge.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.LoggedMessage;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.store.UnitOfWork;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.engine.EngineActions;
import org.illbridge.engine.internal.StateMachine.Effect;
import org.illbridge.engine.internal.StateMachine.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles every inbound message: identifies the partner, normalises through its dialect, matches
 * the transaction, checks the state machine, dedupes, and in ONE unit of work logs the raw
 * message, updates the transaction and enqueues the onward messages. The result is returned only
 * after that commit, so a transport never acknowledges what is not stored.
 *
 * <p>A {@link org.illbridge.api.store.StoreException} (database down) propagates: the transport
 * must then not acknowledge, so that the partner sends again.
 */
public final class InboundProcessor implements InboundHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

  static final String RESULT_ACCEPTED = "accepted";
  static final String RESULT_LATE = "accepted:late-from-previous-lender";
  static final String RESULT_REVIEW = "accepted:pending-review";
  static final String RESULT_OVERTAKEN = "accepted:overtaken";
  static final String ACTION_OVERTAKEN = "transaction.message-overtaken";
  static final String NOTICE_OVERTAKEN = "arrived-after-later-status";
  static final String ACTION_DUPLICATE_SUPPLY = "transaction.possible-duplicate-supply";
  /** Notice sent to the requester when a lender the rota moved on from ships anyway. */
  static final String NOTICE_DUPLICATE_SUPPLY = "possible-duplicate-supply";

  private final TransactionStore store;
  private final PartnerDirectory directory;
  private final Plugins plugins;
  private final Router router;

  public InboundProcessor(TransactionStore store, PartnerDirectory directory, Plugins plugins,
      Router router) {
    this.store = Objects.requireNonNull(store);
    this.directory = Objects.requireNonNull(directory);
    this.plugins = Objects.requireNonNull(plugins);
    this.router = Objects.requireNonNull(router);
  }

  @Override
  public InboundResult handle(InboundMessage received) {
    return handle(received, null);
  }

  /**
   * Handles a message as {@link #handle(InboundMessage)} does; when it is accepted (not a
   * duplicate) and {@code audit} is given, the audit line is written for the transaction in the
   * same unit of work, so it costs no commit of its own and cannot be lost apart from the message.
   */
  public InboundResult handle(InboundMessage received, EngineActions.AuditLine audit) {
    Objects.requireNonNull(received, "in");
    InboundMessage in = orient(received);
    Optional<Partner> known = identify(in);
    if (known.isEmpty()) {
      return store.inTransaction(uow -> audited(uow, unknownSender(uow, in), audit, null));
    }
    Partner partner = known.get();
    IllMessage message = normalise(in.message(), partner);
    return store.inTransaction(uow -> {
      InboundResult result = message.type() == MessageType.REQUEST
          ? request(uow, in, partner, message) : onTransaction(uow, in, partner, message);
      return audited(uow, result, audit, partner.key());
    });
  }

  private static InboundResult audited(UnitOfWork uow, InboundResult result, EngineActions.AuditLine audit,
      String partnerKey) {
    if (audit != null && result instanceof InboundResult.Accepted accepted && !accepted.duplicate()) {
      uow.audit(audit.actor(), audit.action(), accepted.transactionKey(), partnerKey, audit.detail());
    }
    return result;
  }

  // --- partner ---------------------------------------------------------------------------------

  /** The ISO 10161 codec's attribute telling which party of the header sent the APDU. */
  static final String ATTR_10161_SENDER_ROLE = "iso10161.sender-role";

  /**
   * Messages either side may send (status query and report, notes) carry no direction of their
   * own: an ISO 10161 header names the transaction's requester and responder, not the sender, and
   * a transport that cannot tell who is connected (TCP) decodes them as sent by the requester. A
   * partner sends only in its own protocol; so when the named sender is not a partner of the
   * protocol the message came in, and the named recipient is, the recipient sent it (a lender's
   * status report naming the home library as requester). Sender and recipient are then swapped,
   * and the codec's sender-role attribute with them.
   */
  private InboundMessage orient(InboundMessage in) {
    IllMessage m = in.message();
    if (in.authenticatedPartnerKey() != null || m.type().sender() != null || m.recipient() == null
        || speaks(m.sender(), in) || !speaks(m.recipient(), in)) {
      return in;
    }
    LOG.debug("Inbound {} came from {}, the partner that speaks {}, not from {}", m.type(),
        m.recipient(), in.protocol(), m.sender());
    return new InboundMessage(in.protocol(), in.raw(), swapped(m), in.remoteAddress(), null,
        in.receivedAt());
  }

  /** The message as sent by its named recipient to its named sender. */
  private static IllMessage swapped(IllMessage m) {
    IllMessage.Builder b = m.toBuilder().sender(m.recipient()).recipient(m.sender());
    String role = m.attributes().get(ATTR_10161_SENDER_ROLE);
    if (role != null) {
      b.attribute(ATTR_10161_SENDER_ROLE, role.equals("requester") ? "responder"
          : role.equals("responder") ? "requester" : role);
    }
    return b.build();
  }

  private record Reoriented(Partner partner, IllMessage message, Match match) {}

  /**
   * When both named parties speak the protocol the message came in, {@link #orient} cannot tell
   * who sent a direction-free message and keeps the codec's guess (for ISO 10161: the header's
   * requester). The transaction ids then decide: each side of a transaction has its own ids (a
   * lender gets a fresh requester id per attempt), so if the guessed sender has no transaction
   * with these ids and the named recipient has, the recipient sent it.
   */
  private Reoriented reoriented(UnitOfWork uow, InboundMessage in, Partner guessed) {
    IllMessage m = in.message();
    if (in.authenticatedPartnerKey() != null || m.type().sender() != null || m.recipient() == null) {
      return null;
    }
    Optional<Partner> other = directory.findByAgencyId(m.recipient()).map(PartnerEntry::partner)
        .filter(p -> p.enabled() && p.protocol() == in.protocol() && !p.key().equals(guessed.key()));
    if (other.isEmpty()) {
      return null;
    }
    IllMessage message = normalise(swapped(m), other.get());
    Match match = match(uow, other.get(), message);
    if (match == null) {
      return null;
    }
    LOG.debug("Inbound {} came from {}: only its transaction ids match, not {}'s", m.type(),
        other.get().key(), guessed.key());
    return new Reoriented(other.get(), message, match);
  }

  private boolean speaks(AgencyId agency, InboundMessage in) {
    return agency != null && directory.findByAgencyId(agency).map(PartnerEntry::partner)
        .filter(p -> p.enabled() && p.protocol() == in.protocol()).isPresent();
  }

  private Optional<Partner> identify(InboundMessage in) {
    Optional<PartnerEntry> entry;
    if (in.authenticatedPartnerKey() != null) {
      entry = directory.get(in.authenticatedPartnerKey());
    } else if (in.message().sender() != null) {
      entry = directory.findByAgencyId(in.message().sender());
    } else {
      entry = Optional.empty();
    }
    return entry.map(PartnerEntry::partner).filter(Partner::enabled);
  }

  private IllMessage normalise(IllMessage message, Partner partner) {
    Dialect dialect = plugins.dialect(partner.dialectId());
    if (dialect == null) {
      // Inbound messages cannot wait: refusing would lose them with partners that never resend.
      return message.toBuilder()
          .warning("dialect '" + partner.dialectId() + "' is not installed: message not normalised")
          .build();
    }
    try {
      IllMessage normalised = dialect.inbound(message, partner);
      return normalised != null ? normalised : message;
    } catch (RuntimeException e) {
      LOG.warn("Dialect '{}' failed on an inbound {}; using the message as decoded",
          partner.dialectId(), message.type(), e);
      return message.toBuilder().warning("dialect '" + partner.dialectId() + "' failed: " + e).build();
    }
  }

  private InboundResult unknownSender(UnitOfWork uow, InboundMessage in) {
    IllMessage m = in.message();
    if (m.type() != MessageType.REQUEST || m.sender() == null) {
      LoggedMessage logged = log(uow, in, m, null, null);
      String detail = m.sender() == null ? "the message names no sender"
          : "agency " + m.sender() + " is not a partner of this bridge";
      uow.setMessageResult(logged.messageId(), null, rejected(InboundResult.UNKNOWN_AGENCY), List.of());
      return new InboundResult.Rejected(InboundResult.UNKNOWN_AGENCY, detail);
    }
    // Seed 002: a request from an unknown requester waits for review instead of being refused.
    // It is kept as a NEW transaction without a requester partner; accept/reject act on it.
    for (TransactionRecord existing : uow.findByAnyId(m.requesterTransactionId() == null ? "" : m.requesterTransactionId())) {
      if (existing.requester().partnerKey() == null && m.sender().equals(existing.requester().agencyId())) {
        return new InboundResult.Accepted(existing.bridgeKey(), true);
      }
    }
    LoggedMessage logged = log(uow, in, m, null, null);
    String key = TransactionIds.newBridgeKey();
    TransactionRecord tx = uow.createTransaction(TransactionRecord.newTransaction(key,
        new TransactionSide(null, m.sender(), m.requesterTransactionId(), key), TransactionSide.EMPTY,
        TransactionState.NEW, m.serviceType(), itemSummary(m.item()), List.of()));
    if (m.patron() != null) {
      uow.savePatron(tx.bridgeKey(), m.patron());
    }
    uow.setMessageResult(logged.messageId(), tx.bridgeKey(), RESULT_REVIEW, m.warnings());
    uow.audit("engine", "review.pending", tx.bridgeKey(), null,
        "request from unknown requester " + m.sender() + " waits for review");
    return new InboundResult.Accepted(tx.bridgeKey(), false);
  }

  // --- new requests -------------------------------------------------------------------------------

  private InboundResult request(UnitOfWork uow, InboundMessage in, Partner requester, IllMessage m) {
    LoggedMessage logged = log(uow, in, m, requester, null);
    if (logged.duplicate()) {
      return duplicate(logged);
    }
    if (m.requesterTransactionId() != null) {
      for (TransactionRecord existing : uow.findByAnyId(m.requesterTransactionId())) {
        if (requester.key().equals(existing.requester().partnerKey())
            && m.requesterTransactionId().equals(existing.requester().requesterTxId())) {
          // The same request again with different bytes (a resend): acknowledge, do not re-route.
          uow.setMessageResult(logged.messageId(), existing.bridgeKey(), "accepted:repeated-request", m.warnings());
          return new InboundResult.Accepted(existing.bridgeKey(), true);
        }
      }
    }
    List<String> lenders = lenders(requester, m);
    String key = TransactionIds.newBridgeKey();
    TransactionRecord tx = uow.createTransaction(TransactionRecord.newTransaction(key,
        new TransactionSide(requester.key(), m.sender() != null ? m.sender() : requester.primaryId(),
            m.requesterTransactionId(), key),
        TransactionSide.EMPTY, TransactionState.NEW, m.serviceType(), itemSummary(m.item()), lenders));
    if (m.patron() != null) {
      uow.savePatron(tx.bridgeKey(), m.patron());
    }
    IllMessage outbound = withoutAttribute(m, Router.ATTR_LENDERS);
    router.nextLender(uow, tx, 0, outbound, Router.REASON_NO_LENDER);
    uow.setMessageResult(logged.messageId(), tx.bridgeKey(), RESULT_ACCEPTED, m.warnings());
    return new InboundResult.Accepted(tx.bridgeKey(), false);
  }

  private List<String> lenders(Partner requester, IllMessage m) {
    Set<String> keys = new LinkedHashSet<>();
    String listed = m.attributes().get(Router.ATTR_LENDERS);
    if (listed != null) {
      // "a,b|c,d": b and c are equal candidates (load-levelling, seed 003)
      for (String group : listed.split(",")) {
        List<String> candidates = new ArrayList<>();
        for (String k : group.split("\\|")) {
          if (!k.isBlank() && !keys.contains(k.trim())) {
            candidates.add(k.trim());
          }
        }
        keys.addAll(leastLoadedFirst(candidates));
      }
    } else {
      // An ISO partner asks one library: the recipient it names, else the home system.
      Optional<PartnerEntry> recipient = m.recipient() == null ? Optional.empty()
          : directory.findByAgencyId(m.recipient());
      if (recipient.isPresent() && !recipient.get().key().equals(requester.key())) {
        keys.add(recipient.get().key());
      } else if (!requester.key().equals(router.settings().homePartnerKey())) {
        keys.add(router.settings().homePartnerKey());
      }
    }
    return new ArrayList<>(keys);
  }

  /**
   * Load-levelling (seed 003): equal candidates ordered by how many requests each was asked in
   * the last {@code loadLevellingDays} (the store's count of transactions naming it as lender),
   * fewest first; equal loads keep the listed order. Off (0 days) or a store that cannot count:
   * the listed order.
   */
  private List<String> leastLoadedFirst(List<String> candidates) {
    int days = router.settings().loadLevellingDays();
    if (candidates.size() < 2 || days == 0) {
      return candidates;
    }
    java.time.Instant since = router.clock().instant().minus(router.settings().days(days));
    Map<String, Long> load = new java.util.HashMap<>();
    try {
      for (String c : candidates) {
        load.put(c, store.countSuppliedSince(c, since));
      }
    } catch (UnsupportedOperationException noCounts) {
      return candidates;
    }
    List<String> ordered = new ArrayList<>(candidates);
    ordered.sort(java.util.Comparator.comparingLong(load::get)); // stable: ties keep their order
    return ordered;
  }

  // --- messages on an existing transaction ----------------------------------------------------

  private InboundResult onTransaction(UnitOfWork uow, InboundMessage in, Partner partner, IllMessage m) {
    Match match = match(uow, partner, m);
    if (match == null) {
      Reoriented r = reoriented(uow, in, partner);
      if (r == null) {
        return late(uow, in, partner, m);
      }
      partner = r.partner();
      m = r.message();
      match = r.match();
    }
    TransactionRecord tx = uow.lockTransaction(match.tx().bridgeKey()).orElse(match.tx());
    LoggedMessage logged = log(uow, in, m, partner, tx.bridgeKey());
    if (logged.duplicate()) {
      return duplicate(logged);
    }
    Optional<Transition> transition = StateMachine.apply(tx.state(), match.side(), m);
    if (transition.isEmpty() && match.side() == Role.SUPPLIER && m.type() == MessageType.SHIPPED
        && tx.state() == TransactionState.UNFILLED) {
      // The rota gave up on this (last) lender and told the requester Unfilled; it shipped anyway.
      flagDuplicateSupply(uow, tx, partner, "the last lender shipped after the request was reported unfilled");
      uow.setMessageResult(logged.messageId(), tx.bridgeKey(), RESULT_LATE, m.warnings());
      return new InboundResult.Accepted(tx.bridgeKey(), false);
    }
    if (transition.isEmpty() && StateMachine.isOvertaken(tx.state(), match.side(), m.type())) {
      // E.g. Will-Supply after the same lender's Shipped: kept, passed on marked, state unchanged.
      uow.audit("engine", ACTION_OVERTAKEN, tx.bridgeKey(), partner.key(),
          m.type() + " arrived while the transaction is already " + tx.state());
      router.sendTo(uow, tx, Role.REQUESTER,
          m.toBuilder().attribute(Router.ATTR_NOTICE, NOTICE_OVERTAKEN).build(), false);
      uow.setMessageResult(logged.messageId(), tx.bridgeKey(), RESULT_OVERTAKEN, m.warnings());
      return new InboundResult.Accepted(tx.bridgeKey(), false);
    }
    if (transition.isEmpty()) {
      uow.setMessageResult(logged.messageId(), tx.bridgeKey(), rejected(InboundResult.INVALID_STATE), m.warnings());
      return new InboundResult.Rejected(InboundResult.INVALID_STATE,
          m.type() + " from the " + match.side().name().toLowerCase(java.util.Locale.ROOT)
              + " is not valid while the transaction is " + tx.state());
    }
    apply(uow, tx, match.side(), m, transition.get());
    uow.setMessageResult(logged.messageId(), tx.bridgeKey(), RESULT_ACCEPTED, m.warnings());
    return new InboundResult.Accepted(tx.bridgeKey(), false);
  }

  private void apply(UnitOfWork uow, TransactionRecord tx, Role from, IllMessage m, Transition t) {
    Role other = from == Role.REQUESTER ? Role.SUPPLIER : Role.REQUESTER;
    TransactionRecord updated = tx;
    if (from == Role.SUPPLIER && m.supplierTransactionId() != null
        && !m.supplierTransactionId().equals(tx.supplier().supplierTxId())) {
      updated = updated.withSupplier(tx.supplier().withSupplierTxId(m.supplierTransactionId()));
    }
    if (m.dueDate() != null && (m.type() == MessageType.SHIPPED || m.type() == MessageType.RENEW_ANSWER
        && !Boolean.FALSE.equals(m.answer()) || m.type() == MessageType.RECALL)) {
      updated = updated.withDueDate(m.dueDate());
    }
    switch (t.effect()) {
      case FORWARD -> {
        updated = save(uow, updated.withState(t.next()));
        router.sendTo(uow, updated, other, m, false);
        timersAfter(uow, updated, from);
      }
      case RECORD -> {
        updated = save(uow, updated.withState(t.next()));
        timersAfter(uow, updated, from);
      }
      case ANSWER_STATUS -> {
        save(uow, updated);
        IllMessage report = IllMessage.builder(MessageType.STATUS_REPORT)
            .reason(updated.state().name())
            .dueDate(updated.dueDate())
            .build();
        router.sendTo(uow, updated, from, report, false);
      }
      case NEXT_LENDER -> {
        if (updated.state() == TransactionState.CANCEL_PENDING) {
          // The requester asked to cancel and the lender will not supply: the cancel succeeded.
          updated = save(uow, updated.withState(TransactionState.CANCELLED));
          uow.cancelTimers(updated.bridgeKey(), null);
          router.sendTo(uow, updated, Role.REQUESTER,
              IllMessage.builder(MessageType.CANCEL_REPLY).answer(true).build(), false);
        } else {
          uow.audit("engine", "rota.lender-declined", updated.bridgeKey(), updated.supplier().partnerKey(),
              m.type() + (m.reason() != null ? " (" + m.reason() + ")" : ""));
          TransactionRecord saved = save(uow, updated);
          router.nextLender(uow, saved, saved.lenderPosition() + 1, null, Router.REASON_LENDERS_EXHAUSTED);
        }
      }
      case STATUS_ANSWER -> statusAnswer(uow, save(uow, updated), m);
    }
  }

  /** A lender's status report, typically the answer to the query sent after days-to-respond. */
  private void statusAnswer(UnitOfWork uow, TransactionRecord tx, IllMessage report) {
    if (!StateMachine.AWAITING_SUPPLY.contains(tx.state())) {
      return;
    }
    TransactionState reported = ReportedStatus.of(report);
    if (reported == TransactionState.SHIPPED || reported == TransactionState.COPY_COMPLETED
        || reported == TransactionState.RECEIVED || reported == TransactionState.OVERDUE
        || reported == TransactionState.RECALLED) {
      // The lender shipped and the Shipped message was lost (seed 000): recover it.
      IllMessage shipped = IllMessage.builder(MessageType.SHIPPED)
          .serviceType(tx.serviceType())
          .dueDate(report.dueDate())
          .build();
      TransactionState next = StateMachine.apply(tx.state(), Role.SUPPLIER, shipped)
          .map(Transition::next).orElse(TransactionState.SHIPPED);
      TransactionRecord saved = save(uow, tx.withState(next).withDueDate(report.dueDate()));
      uow.cancelTimers(saved.bridgeKey(), null);
      router.sendTo(uow, saved, Role.REQUESTER, shipped, false);
      uow.audit("engine", "rota.recovered-shipped", saved.bridgeKey(), saved.supplier().partnerKey(),
          "status report says the item was shipped");
    } else if (reported != null && StateMachine.AWAITING_SUPPLY.contains(reported)) {
      router.partner(tx.supplier().partnerKey())
          .ifPresent(lender -> router.scheduleDaysToRespond(uow, tx, lender));
    } else {
      // Unfilled, cancelled, expired, or the lender does not know the request (it was lost).
      uow.audit("engine", "rota.lender-declined", tx.bridgeKey(), tx.supplier().partnerKey(),
          "status report: " + (report.reason() == null ? "unknown" : report.reason()));
      router.nextLender(uow, tx, tx.lenderPosition() + 1, null, Router.REASON_LENDERS_EXHAUSTED);
    }
  }

  private void timersAfter(UnitOfWork uow, TransactionRecord tx, Role from) {
    if (!StateMachine.AWAITING_SUPPLY.contains(tx.state())) {
      uow.cancelTimers(tx.bridgeKey(), null);
    } else if (from == Role.SUPPLIER) {
      // The lender answered: it is alive, its days-to-respond start again.
      router.partner(tx.supplier().partnerKey())
          .ifPresent(lender -> router.scheduleDaysToRespond(uow, tx, lender));
    }
  }

  /** A message from a lender the rota already moved on from, matched by its attempt id. */
  private InboundResult late(UnitOfWork uow, InboundMessage in, Partner partner, IllMessage m) {
    TransactionIds.Attempt attempt = TransactionIds.parseAttempt(m.requesterTransactionId());
    Optional<TransactionRecord> tx = attempt == null ? Optional.empty()
        : uow.lockTransaction(attempt.bridgeKey());
    boolean earlierLender = tx.isPresent()
        && attempt.position() < tx.get().lenderPosition()
        && attempt.position() < tx.get().lenders().size()
        && partner.key().equals(tx.get().lenders().get(attempt.position()));
    if (!earlierLender) {
      LoggedMessage logged = log(uow, in, m, partner, null);
      if (logged.duplicate()) {
        return duplicate(logged);
      }
      uow.setMessageResult(logged.messageId(), null, rejected(InboundResult.UNKNOWN_TRANSACTION), m.warnings());
      return new InboundResult.Rejected(InboundResult.UNKNOWN_TRANSACTION,
          "no transaction with id " + m.requesterTransactionId() + " for " + partner.key());
    }
    TransactionRecord t = tx.get();
    LoggedMessage logged = log(uow, in, m, partner, t.bridgeKey());
    if (logged.duplicate()) {
      return duplicate(logged);
    }
    if (m.type() == MessageType.SHIPPED) {
      flagDuplicateSupply(uow, t, partner,
          "lender " + (attempt.position() + 1) + " shipped after the rota moved on");
    }
    uow.setMessageResult(logged.messageId(), t.bridgeKey(), RESULT_LATE, m.warnings());
    return new InboundResult.Accepted(t.bridgeKey(), false);
  }

  private void flagDuplicateSupply(UnitOfWork uow, TransactionRecord tx, Partner lender, String detail) {
    uow.audit("engine", ACTION_DUPLICATE_SUPPLY, tx.bridgeKey(), lender.key(), detail);
    router.noticeToRequester(uow, tx, NOTICE_DUPLICATE_SUPPLY,
        "Possible duplicate supply: " + (lender.name() != null ? lender.name() : lender.key())
            + " reports the item shipped after the request had moved on.");
    LOG.warn("Transaction {}: possible duplicate supply from {}", tx.bridgeKey(), lender.key());
  }

  // --- helpers ----------------------------------------------------------------------------------

  private record Match(TransactionRecord tx, Role side) {}

  private static Match match(UnitOfWork uow, Partner partner, IllMessage m) {
    for (String id : new String[] {m.requesterTransactionId(), m.supplierTransactionId()}) {
      if (id == null || id.isBlank()) {
        continue;
      }
      for (TransactionRecord tx : uow.findByAnyId(id)) {
        if (partner.key().equals(tx.supplier().partnerKey()) && sameIds(tx.supplier(), m)) {
          return new Match(tx, Role.SUPPLIER);
        }
        if (partner.key().equals(tx.requester().partnerKey()) && sameIds(tx.requester(), m)) {
          return new Match(tx, Role.REQUESTER);
        }
      }
    }
    return null;
  }

  private static boolean sameIds(TransactionSide side, IllMessage m) {
    return m.requesterTransactionId() != null && m.requesterTransactionId().equals(side.requesterTxId())
        || m.supplierTransactionId() != null && m.supplierTransactionId().equals(side.supplierTxId());
  }

  private static TransactionRecord save(UnitOfWork uow, TransactionRecord tx) {
    return uow.updateTransaction(tx);
  }

  private static InboundResult duplicate(LoggedMessage logged) {
    String key = logged.original() != null ? logged.original().bridgeKey() : null;
    return new InboundResult.Accepted(key, true);
  }

  private LoggedMessage log(UnitOfWork uow, InboundMessage in, IllMessage m, Partner partner,
      String bridgeKey) {
    return uow.logMessage(new NewMessage(bridgeKey, partner == null ? null : partner.key(),
        Direction.INBOUND, in.protocol(), m.type(), dedupeKey(in, m), in.raw(), summary(m),
        m.patron() != null, m.timestamp(), in.receivedAt() != null ? in.receivedAt() : uow.now(),
        null, m.warnings()));
  }

  /**
   * A message's identity for its sender: type and both ids, plus the sender's timestamp (or, when
   * it gives none, a hash of the bytes). A redelivery has the same key; a new note does not.
   */
  static String dedupeKey(InboundMessage in, IllMessage m) {
    String when = m.timestamp() != null ? m.timestamp().toString() : "sha256:" + sha256(in.raw());
    String key = m.type() + "|" + nullToEmpty(m.requesterTransactionId()) + "|"
        + nullToEmpty(m.supplierTransactionId()) + "|" + when;
    return key.length() <= 256 ? key : m.type() + "|sha256:" + sha256(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String summary(IllMessage m) {
    StringBuilder sb = new StringBuilder(m.type().name());
    if (m.requesterTransactionId() != null) {
      sb.append(' ').append(m.requesterTransactionId());
    }
    if (m.supplierTransactionId() != null) {
      sb.append('/').append(m.supplierTransactionId());
    }
    if (m.sender() != null) {
      sb.append(" from ").append(m.sender());
    }
    if (m.item() != null && m.item().title() != null) {
      sb.append(": ").append(truncate(m.item().title(), 200));
    }
    return sb.toString();
  }

  static String itemSummary(Item item) {
    if (item == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (item.title() != null) {
      sb.append(item.title());
    }
    if (item.author() != null) {
      sb.append(sb.length() > 0 ? " / " : "").append(item.author());
    }
    return sb.length() == 0 ? null : truncate(sb.toString(), 1000);
  }

  private static IllMessage withoutAttribute(IllMessage m, String key) {
    java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>(m.attributes());
    attrs.remove(key);
    return new IllMessage(m.type(), m.requesterTransactionId(), m.supplierTransactionId(), m.sender(),
        m.recipient(), m.timestamp(), m.serviceType(), m.item(), m.patron(), m.reason(), m.answer(),
        m.dueDate(), m.note(), attrs, m.warnings());
  }

  private static String rejected(String reason) {
    return "rejected:" + reason;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
