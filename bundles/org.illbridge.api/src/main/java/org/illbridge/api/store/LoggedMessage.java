package org.illbridge.api.store;

/**
 * What {@link UnitOfWork#logMessage} did.
 *
 * @param messageId id of the log row: the new row, or for a duplicate the row first logged
 * @param duplicate true when the same partner already sent a message with the same dedupe key;
 *     the new bytes are not stored again, the original's duplicate counter is incremented, and the
 *     caller must acknowledge without applying the message a second time
 * @param original the row first logged (for a duplicate: its bridge key and result tell the
 *     caller how to acknowledge again); null for a new message
 */
public record LoggedMessage(long messageId, boolean duplicate, MessageRecord original) {}
