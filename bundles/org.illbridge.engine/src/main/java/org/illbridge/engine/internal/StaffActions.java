package org.illbridge.engine.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.illbridge.api.model.Partner;
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
import org.illbridge.engine.EngineActions;

/** Repeat Last Message, the unknown-requester review queue, and audited messages from staff. */
public final class StaffActions implements EngineActions {

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
    Partner requester = router.partner(partnerKey)
        .orElseThrow(() -> new IllegalArgumentException("no partner '" + partnerKey + "'"));
    return store.inTransaction(uow -> {
      Optional<TransactionRecord> found = uow.lockTransaction(bridgeKey).filter(StaffActions::waitsForReview);
      if (found.isEmpty()) {
        return false;
      }
      TransactionRecord tx = found.get();
      String home = router.settings().homePartnerKey();
      List<String> lenders = home.equals(partnerKey) ? List.of() : List.of(home);
      TransactionSide side = tx.requester().withPartner(partnerKey, tx.requester().agencyId());
      TransactionRecord accepted = uow.updateTransaction(new TransactionRecord(tx.bridgeKey(), side,
          tx.supplier(), tx.state(), tx.serviceType(), tx.itemSummary(), lenders, 0, tx.dueDate(),
          tx.createdAt(), tx.updatedAt(), tx.terminalAt(), tx.version()));
      uow.audit(actor, "review.accept", bridgeKey, requester.key(), "request accepted from review");
      router.nextLender(uow, accepted, 0, null, Router.REASON_NO_LENDER);
      return true;
    });
  }

  @Override
  public boolean rejectReview(String bridgeKey, String reason, String actor) {
    return store.inTransaction(uow -> {
      Optional<TransactionRecord> found = uow.lockTransaction(bridgeKey).filter(StaffActions::waitsForReview);
      if (found.isEmpty()) {
        return false;
      }
      uow.updateTransaction(found.get().withState(TransactionState.UNFILLED));
      uow.audit(actor, "review.reject", bridgeKey, null, reason == null ? "rejected" : reason);
      return true;
    });
  }

  static boolean waitsForReview(TransactionRecord tx) {
    return tx.state() == TransactionState.NEW && tx.requester().partnerKey() == null;
  }
}
