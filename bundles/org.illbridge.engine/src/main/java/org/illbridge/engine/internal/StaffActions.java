package org.illbridge.engine.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.engine.EngineActions;

/** Repeat Last Message, the unknown-requester review queue, and audited messages from staff. */
public final class StaffActions implements EngineActions {

  /** Neutral reason of the refusal sent when staff reject a request from review. */
  static final String REASON_REFUSED = "policy-problem";

  private final TransactionStore store;
  private final Router router;
  private final InboundProcessor inbound;

  public StaffActions(TransactionStore store, Router router, InboundProcessor inbound) {
    this.store = Objects.requireNonNull(store);
    this.router = Objects.requireNonNull(router);
    this.inbound = Objects.requireNonNull(inbound);
  }

  @Override
  public InboundResult handle(InboundMessage message, AuditLine audit) {
    return inbound.handle(message, Objects.requireNonNull(audit, "audit"));
  }

  @Override
  public RepeatResult repeatLastMessage(String bridgeKey, String actor) {
    return store.inTransaction(uow -> {
      Optional<TransactionRecord> found = uow.lockTransaction(bridgeKey);
      if (found.isEmpty()) {
        return RepeatResult.UNKNOWN_TRANSACTION;
      }
      TransactionRecord tx = found.get();
      MessageRecord last = null;
      for (MessageRecord r : uow.messages(bridgeKey)) {
        if (r.direction() == Direction.OUTBOUND && r.result() != null && r.result().startsWith("sent")
            && r.partnerKey() != null && !r.partnerKey().equals(tx.requester().partnerKey())
            && !r.redacted() && r.rawSize() > 0) {
          last = r;
        }
      }
      if (last == null) {
        return RepeatResult.NOTHING_TO_REPEAT;
      }
      // Idempotent: while a repeat of this transaction waits in the outbox, another is not added.
      // The transaction lock above serialises concurrent repeats.
      for (OutboxStatus status : List.of(OutboxStatus.PENDING, OutboxStatus.IN_FLIGHT)) {
        for (OutboxItem row : uow.outbox(new OutboxQuery(status, last.partnerKey(), bridgeKey, 100, null)).items()) {
          if (OutboundEnvelope.RAW_CONTENT_TYPE.equals(row.contentType()) && row.endpoint() == null) {
            return RepeatResult.ALREADY_QUEUED;
          }
        }
      }
      Optional<byte[]> raw = uow.rawMessage(last.id());
      if (raw.isEmpty()) {
        return RepeatResult.NOTHING_TO_REPEAT;
      }
      uow.enqueue(new NewOutboxItem(bridgeKey, last.partnerKey(), null, last.messageType(),
          OutboundEnvelope.RAW_CONTENT_TYPE, raw.get(), last.containsPatronData(),
          Router.orderingKey(bridgeKey, last.partnerKey()), null));
      uow.audit(actor, "transaction.repeat-last-message", bridgeKey, last.partnerKey(),
          "repeat of " + last.messageType());
      return RepeatResult.QUEUED;
    });
  }

  @Override
  public boolean acceptReview(String bridgeKey, String partnerKey, String actor) {
    Partner requester = existing(partnerKey);
    return store.inTransaction(uow -> {
      Optional<TransactionRecord> found = uow.lockTransaction(bridgeKey).filter(StaffActions::waitsForReview);
      if (found.isEmpty()) {
        return false;
      }
      String home = router.settings().homePartnerKey();
      List<String> lenders = home.equals(partnerKey) ? List.of() : List.of(home);
      TransactionRecord accepted = uow.updateTransaction(asPartner(found.get(), partnerKey, lenders));
      uow.audit(actor, "review.accept", bridgeKey, requester.key(), "request accepted from review");
      router.nextLender(uow, accepted, 0, null, Router.REASON_NO_LENDER);
      return true;
    });
  }

  @Override
  public boolean rejectReview(String bridgeKey, String reason, String actor) {
    return rejectReview(bridgeKey, reason, null, actor);
  }

  /**
   * Ends a request waiting for review as UNFILLED; with a partner entry for its sender, that
   * partner is recorded as the requester and sent a refusal (UNFILLED, {@link #REASON_REFUSED},
   * staff's reason as the note) from the home library's agency, through the outbox like any
   * message, so its dialect and transport apply.
   */
  @Override
  public boolean rejectReview(String bridgeKey, String reason, String partnerKey, String actor) {
    Partner requester = partnerKey == null ? null : existing(partnerKey);
    return store.inTransaction(uow -> {
      Optional<TransactionRecord> found = uow.lockTransaction(bridgeKey).filter(StaffActions::waitsForReview);
      if (found.isEmpty()) {
        return false;
      }
      TransactionRecord tx = requester == null ? found.get() : asPartner(found.get(), partnerKey, List.of());
      TransactionRecord done = uow.updateTransaction(tx.withState(TransactionState.UNFILLED));
      String why = reason == null || reason.isBlank() ? null : reason.trim();
      if (requester != null) {
        IllMessage.Builder refusal = IllMessage.builder(MessageType.UNFILLED).reason(REASON_REFUSED)
            .note(why).timestamp(Instant.now(router.clock()));
        router.partner(router.settings().homePartnerKey()).filter(h -> !h.ids().isEmpty())
            .ifPresent(h -> refusal.sender(h.primaryId()));
        router.sendTo(uow, done, Role.REQUESTER, refusal.build(), false);
      }
      uow.audit(actor, "review.reject", bridgeKey, partnerKey, (why == null ? "rejected" : why)
          + (requester == null ? "" : "; refusal sent to " + partnerKey));
      return true;
    });
  }

  private Partner existing(String partnerKey) {
    return router.partner(partnerKey)
        .orElseThrow(() -> new IllegalArgumentException("no partner '" + partnerKey + "'"));
  }

  /** {@code tx} with {@code partnerKey} as its requester partner (same agency and ids) and this rota. */
  private static TransactionRecord asPartner(TransactionRecord tx, String partnerKey, List<String> lenders) {
    TransactionSide side = tx.requester().withPartner(partnerKey, tx.requester().agencyId());
    return new TransactionRecord(tx.bridgeKey(), side, tx.supplier(), tx.state(), tx.serviceType(),
        tx.itemSummary(), lenders, 0, tx.dueDate(), tx.createdAt(), tx.updatedAt(), tx.terminalAt(),
        tx.version());
  }

  static boolean waitsForReview(TransactionRecord tx) {
    return tx.state() == TransactionState.NEW && tx.requester().partnerKey() == null;
  }
}
