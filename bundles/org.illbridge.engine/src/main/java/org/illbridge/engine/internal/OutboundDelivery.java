package org.illbridge.engine.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.illbridge.api.codec.CodecException;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.dialect.OutboundDecision;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.illbridge.api.store.DeliveryOutcome;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.NewMessage;
import org.illbridge.api.store.NewOutboxItem;
import org.illbridge.api.store.OutboxDelivery;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one outbox row: partner, its dialect (bound dynamically; absent means HOLD, not
 * failure), the codec of the partner's protocol, then the transport of each endpoint active now
 * (two during an address change: dual delivery). What was sent, skipped or refused is recorded in
 * the message log.
 */
public final class OutboundDelivery implements OutboxDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundDelivery.class);

  static final String NOTICE_DIALECT_WARNING = "dialect-warning";
  static final String NOTICE_REFUSED = "refused-by-dialect";

  private final TransactionStore store;
  private final Plugins plugins;
  private final Router router;

  public OutboundDelivery(TransactionStore store, Plugins plugins, Router router) {
    this.store = Objects.requireNonNull(store);
    this.plugins = Objects.requireNonNull(plugins);
    this.router = Objects.requireNonNull(router);
  }

  /** Thrown inside the delivery when the row must wait for something that is not the partner's fault. */
  private static final class HoldException extends Exception {
    private static final long serialVersionUID = 1L;

    HoldException(String reason) {
      super(reason, null, false, false);
    }
  }

  @Override
  public DeliveryOutcome deliver(OutboxItem item) throws Exception {
    Optional<Partner> found = router.partner(item.partnerKey());
    if (found.isEmpty()) {
      return new DeliveryOutcome.Fail("partner '" + item.partnerKey() + "' no longer exists");
    }
    Partner partner = found.get();
    if (!partner.enabled()) {
      return hold("partner '" + partner.key() + "' is disabled");
    }
    if (item.payload() == null) {
      return new DeliveryOutcome.Fail("the outbox row has no payload");
    }
    try {
      if (OutboundEnvelope.RAW_CONTENT_TYPE.equals(item.contentType())) {
        return sendWire(item, partner, item.payload(), item.messageType(), List.of(), "sent:repeat", false);
      }
      if (!OutboundEnvelope.CONTENT_TYPE.equals(item.contentType())) {
        return new DeliveryOutcome.Fail("unknown outbox content type " + item.contentType());
      }
      return deliverNeutral(item, partner);
    } catch (HoldException e) {
      return hold(e.getMessage());
    }
  }

  private DeliveryOutcome deliverNeutral(OutboxItem item, Partner partner) throws Exception {
    OutboundEnvelope envelope;
    try {
      envelope = OutboundEnvelope.fromJson(item.payload());
    } catch (IOException e) {
      return new DeliveryOutcome.Fail("unreadable payload: " + e.getMessage());
    }
    Dialect dialect = plugins.dialect(partner.dialectId());
    if (dialect == null) {
      throw new HoldException("dialect '" + partner.dialectId() + "' is not installed");
    }
    ProtocolCodec codec = plugins.codec(partner.protocol());
    if (codec == null) {
      throw new HoldException("no codec for protocol " + partner.protocol() + " is installed");
    }
    TransactionRecord tx = item.bridgeKey() == null ? null : store.find(item.bridgeKey()).orElse(null);
    IllMessage message = envelope.message();
    if (envelope.requestByReference()) {
      if (tx == null) {
        return new DeliveryOutcome.Fail("transaction " + item.bridgeKey() + " no longer exists");
      }
      message = rebuildRequest(tx, message);
    }
    Role bridgeRole = bridgeRoleTowards(partner, message, tx);
    if (!dialect.supportedOutbound(bridgeRole).contains(message.type())) {
      return skipped(item, partner, message, "skipped:" + dialect.id() + " does not take " + message.type());
    }
    OutboundDecision decision = dialect.outbound(message, partner);
    if (decision instanceof OutboundDecision.Skip skip) {
      return skipped(item, partner, message, "skipped:" + skip.reason());
    }
    if (decision instanceof OutboundDecision.Refuse refuse) {
      refused(item, partner, message, tx, "refused by dialect " + dialect.id() + ": " + refuse.reason());
      return new DeliveryOutcome.Fail("refused by dialect " + dialect.id() + ": " + refuse.reason());
    }
    OutboundDecision.Send send = (OutboundDecision.Send) decision;
    byte[] wire;
    try {
      wire = codec.encode(send.message(), partner);
    } catch (CodecException e) {
      refused(item, partner, send.message(), tx, "cannot be encoded: " + e.getMessage());
      return new DeliveryOutcome.Fail("cannot encode " + send.message().type() + ": " + e.getMessage());
    }
    List<String> warnings = new ArrayList<>(send.warnings());
    return sendWire(item, partner, wire, send.message().type(), warnings, "sent",
        send.message().patron() != null);
  }

  private DeliveryOutcome sendWire(OutboxItem item, Partner partner, byte[] wire, MessageType type,
      List<String> warnings, String result, boolean patronData) throws Exception {
    Instant now = router.clock().instant();
    List<URI> targets = new ArrayList<>();
    if (item.endpoint() != null) {
      try {
        targets.add(URI.create(item.endpoint()));
      } catch (IllegalArgumentException e) {
        return new DeliveryOutcome.Fail("bad endpoint " + item.endpoint());
      }
    } else {
      for (Endpoint e : partner.endpoints()) {
        if (e.activeAt(now)) {
          targets.add(e.uri());
        }
      }
    }
    if (targets.isEmpty()) {
      throw new HoldException("partner '" + partner.key() + "' has no endpoint active now");
    }
    Map<URI, Transport> transports = new LinkedHashMap<>();
    for (URI target : targets) {
      Transport t = plugins.transport(target.getScheme());
      if (t == null) {
        throw new HoldException("no transport for '" + target.getScheme() + "' is installed");
      }
      transports.put(target, t);
    }
    Map<URI, String> failed = new LinkedHashMap<>();
    ProtocolCodec replies = plugins.codec(partner.protocol());
    String refusal = null;
    for (Map.Entry<URI, Transport> e : transports.entrySet()) {
      try {
        byte[] reply = e.getValue().send(e.getKey(), wire);
        // The partner's immediate answer (an ISO 18626 confirmation) may refuse the message.
        String refused = replies == null || reply == null ? null : replies.refusal(reply);
        if (refused != null) {
          refusal = refused;
        }
      } catch (IOException | RuntimeException ex) {
        failed.put(e.getKey(), String.valueOf(ex.getMessage()));
        LOG.debug("Delivery of outbox row {} to {} failed", item.id(), e.getKey(), ex);
      }
    }
    if (refusal != null) {
      // Sending the same bytes again cannot help: logged with what was sent, audited, the
      // requester told, and the row goes to the dead letters (an admin may resend it).
      TransactionRecord tx = item.bridgeKey() == null ? null : store.find(item.bridgeKey()).orElse(null);
      refused(item, partner, type, now, wire, patronData, tx, "refused by " + partner.key() + ": " + refusal);
      return new DeliveryOutcome.Fail("refused by " + partner.key() + ": " + refusal);
    }
    if (failed.size() == transports.size()) {
      return DeliveryOutcome.retry(failed.values().iterator().next());
    }
    // The transaction is read only when a dialect warning must be passed on (rare): one query
    // less per delivered message.
    TransactionRecord tx = item.bridgeKey() == null || warnings.isEmpty() ? null
        : store.find(item.bridgeKey()).orElse(null);
    // One commit: what was sent goes to the message log and the row is settled together, so a
    // delivered row always has its log entry; if this fails the worker retries the row (the
    // partner may see it twice: at-least-once, as after a crash between send and commit).
    store.inTransaction(uow -> {
      // Logged at the moment the send began, not at this commit: an answer that arrived while
      // the send returned (and was stored first) still comes after it on the timeline.
      uow.logMessage(new NewMessage(item.bridgeKey(), partner.key(), Direction.OUTBOUND,
          partner.protocol(), type, null, wire, type + " to " + partner.key(), patronData, now,
          now, result, warnings));
      uow.markDelivered(item.id());
      // Dual delivery: the endpoints that failed get their own rows, retried independently.
      for (Map.Entry<URI, String> f : failed.entrySet()) {
        uow.enqueue(new NewOutboxItem(item.bridgeKey(), partner.key(), f.getKey().toString(), type,
            OutboundEnvelope.RAW_CONTENT_TYPE, wire, patronData,
            (item.orderingKey() != null ? item.orderingKey() : "partner:" + partner.key())
                + "@" + f.getKey(), null));
      }
      if (!warnings.isEmpty() && tx != null && !partner.key().equals(tx.requester().partnerKey())) {
        router.noticeToRequester(uow, tx, NOTICE_DIALECT_WARNING, String.join("; ", warnings));
      }
      return null;
    });
    return DeliveryOutcome.deliveredAndMarked();
  }

  private IllMessage rebuildRequest(TransactionRecord tx, IllMessage envelope) throws Exception {
    MessageRecord original = null;
    for (MessageRecord r : store.messages(tx.bridgeKey())) {
      if (r.direction() == Direction.INBOUND && r.messageType() == MessageType.REQUEST) {
        original = r;
        break;
      }
    }
    if (original == null) {
      throw new IllegalStateException("transaction " + tx.bridgeKey() + " has no logged request");
    }
    ProtocolCodec codec = plugins.codec(original.protocol());
    if (codec == null) {
      throw new HoldException("no codec for protocol " + original.protocol()
          + " to read the original request");
    }
    byte[] raw = store.rawMessage(original.id())
        .orElseThrow(() -> new IllegalStateException("the original request's bytes are gone"));
    Partner requester = router.partner(tx.requester().partnerKey()).orElse(null);
    IllMessage request = codec.decode(raw, requester);
    if (requester != null) {
      Dialect dialect = plugins.dialect(requester.dialectId());
      if (dialect != null) {
        request = dialect.inbound(request, requester);
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>(request.attributes());
    attrs.remove(Router.ATTR_LENDERS);
    IllMessage.Builder b = request.toBuilder()
        .requesterTransactionId(envelope.requesterTransactionId())
        .supplierTransactionId(envelope.supplierTransactionId())
        .sender(envelope.sender())
        .recipient(envelope.recipient())
        .timestamp(envelope.timestamp())
        .patron(store.patron(tx.bridgeKey()).orElse(null));
    IllMessage rebuilt = b.build();
    return new IllMessage(rebuilt.type(), rebuilt.requesterTransactionId(),
        rebuilt.supplierTransactionId(), rebuilt.sender(), rebuilt.recipient(), rebuilt.timestamp(),
        rebuilt.serviceType(), rebuilt.item(), rebuilt.patron(), rebuilt.reason(), rebuilt.answer(),
        rebuilt.dueDate(), rebuilt.note(), attrs, rebuilt.warnings());
  }

  private static Role bridgeRoleTowards(Partner partner, IllMessage message, TransactionRecord tx) {
    if (tx != null) {
      return partner.key().equals(tx.requester().partnerKey()) ? Role.SUPPLIER : Role.REQUESTER;
    }
    Role sender = message.type().sender();
    return sender != null ? sender : Role.REQUESTER;
  }

  /** Nothing sent on purpose: logged as skipped and the row settled, in one commit. */
  private DeliveryOutcome skipped(OutboxItem item, Partner partner, IllMessage message, String result) {
    store.inTransaction(uow -> {
      uow.logMessage(new NewMessage(item.bridgeKey(), partner.key(), Direction.OUTBOUND,
          partner.protocol(), message.type(), null, new byte[0], message.type() + " to " + partner.key(),
          false, message.timestamp(), uow.now(), truncate(result), List.of()));
      uow.markDelivered(item.id());
      return null;
    });
    return DeliveryOutcome.deliveredAndMarked();
  }

  private void refused(OutboxItem item, Partner partner, IllMessage message, TransactionRecord tx,
      String reason) {
    refused(item, partner, message.type(), message.timestamp(), new byte[0], false, tx, reason);
  }

  /** Logs a message that was not or could not be delivered (with the bytes, if any were sent). */
  private void refused(OutboxItem item, Partner partner, MessageType type, Instant at, byte[] wire,
      boolean patronData, TransactionRecord tx, String reason) {
    LOG.warn("Outbox row {} ({} to {}) {}", item.id(), type, partner.key(), reason);
    store.inTransaction(uow -> {
      uow.logMessage(new NewMessage(item.bridgeKey(), partner.key(), Direction.OUTBOUND,
          partner.protocol(), type, null, wire, type + " to " + partner.key(), patronData, at,
          uow.now(), truncate("refused:" + reason), List.of()));
      uow.audit("engine", "delivery.refused", item.bridgeKey(), partner.key(), reason);
      if (tx != null && !partner.key().equals(tx.requester().partnerKey())) {
        router.noticeToRequester(uow, tx, NOTICE_REFUSED,
            type + " could not be sent to " + partner.key() + ": " + reason);
      }
      return null;
    });
  }

  private DeliveryOutcome hold(String reason) {
    return new DeliveryOutcome.Hold(reason, router.settings().holdDelay());
  }

  private static String truncate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 199) + "…";
  }
}
