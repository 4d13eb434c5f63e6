package org.illbridge.iso18626;

/**
 * A message from the requester: an action and an optional note.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RequestingAgencyMessage(
    Header header,
    Action action,
    String note) implements Iso18626Message {
}
