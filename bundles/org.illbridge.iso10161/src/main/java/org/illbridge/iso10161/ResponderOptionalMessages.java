package org.illbridge.iso10161;

/**
 * Responder-Optional-Messages-Type.
 *
 * @param canSendShipped [0]
 * @param canSendCheckedIn [1]
 * @param responderReceived [2]
 * @param responderReturned [3]
 */
public record ResponderOptionalMessages(
    boolean canSendShipped,
    boolean canSendCheckedIn,
    MessagingPreference responderReceived,
    MessagingPreference responderReturned) {
}
