package org.illbridge.api.engine;

import java.util.Objects;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Staff and admin actions that are not messages from a partner. Messages a staff member sends
 * (Received, Returned, Cancel, Renew, a note) go through {@link
 * org.illbridge.api.transport.InboundHandler} as messages from the home system; these are the
 * rest.
 */
@ProviderType
public interface EngineActions {

  /** Outcome of {@link #repeatLastMessage}. */
  enum RepeatResult {
    /** The last message is queued again, byte for byte, with the same ids. */
    QUEUED,
    /** A repeat of it is already waiting in the outbox; nothing was added (idempotent). */
    ALREADY_QUEUED,
    /** Nothing was sent to a lender yet, or its bytes were purged. */
    NOTHING_TO_REPEAT,
    UNKNOWN_TRANSACTION
  }

  /**
   * Who did what, for the audit log: the line {@link #handle(InboundMessage, AuditLine)} writes.
   *
   * @param actor who acted (a user or API key name)
   * @param action what was done, e.g. {@code rest.request.create}
   * @param detail words for the log, may be null
   */
  record AuditLine(String actor, String action, String detail) {
    public AuditLine {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(action, "action");
    }
  }

  /**
   * Handles a message a staff member or the home system sends, as {@link
   * org.illbridge.api.transport.InboundHandler#handle} does, and when it is accepted (and not a
   * duplicate) writes {@code audit} for its transaction, with the sending partner, in the same unit
   * of work: one commit, and no accepted message without its audit line.
   */
  InboundResult handle(InboundMessage message, AuditLine audit);

  /**
   * Re-sends the last message the bridge sent to a lender on this transaction, exactly as sent
   * (same transaction ids), for a message the partner says it never got (seed 000).
   */
  RepeatResult repeatLastMessage(String bridgeKey, String actor);

  /**
   * Accepts a request from an unknown requester that waits for review (seed 002): the requester
   * is now the partner {@code partnerKey} (created beforehand in the directory) and the request is
   * routed as any other.
   *
   * @return false when there is no such request waiting for review
   */
  boolean acceptReview(String bridgeKey, String partnerKey, String actor);

  /**
   * Rejects a request waiting for review: it ends Unfilled and stays in the log. No refusal is
   * sent: the unknown requester has no partner entry, so there is nowhere to send it (see
   * {@link #rejectReview(String, String, String, String)}).
   *
   * @return false when there is no such request waiting for review
   */
  boolean rejectReview(String bridgeKey, String reason, String actor);

  /**
   * Rejects a request waiting for review and, when {@code partnerKey} names a partner entry (the
   * requester, created beforehand in the directory with its endpoint), sends it a proper refusal:
   * Unfilled with reason {@code policy-problem} (ISO 10161 ILL-Answer unfilled, ISO 18626
   * Unfilled / PolicyProblem), its own transaction ids, and {@code reason} as the note. A null
   * {@code partnerKey} rejects without a refusal, like the three-argument form.
   *
   * @return false when there is no such request waiting for review
   * @throws IllegalArgumentException when {@code partnerKey} names no partner
   */
  default boolean rejectReview(String bridgeKey, String reason, String partnerKey, String actor) {
    if (partnerKey == null) {
      return rejectReview(bridgeKey, reason, actor);
    }
    throw new UnsupportedOperationException("this engine cannot send a refusal");
  }
}
