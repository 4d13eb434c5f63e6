package org.illbridge.iso10161;

/**
 * Requester-Optional-Messages-Type.
 *
 * @param canSendReceived [0]
 * @param canSendReturned [1]
 * @param requesterShipped [2]
 * @param requesterCheckedIn [3]
 */
public record RequesterOptionalMessages(
    boolean canSendReceived,
    boolean canSendReturned,
    MessagingPreference requesterShipped,
    MessagingPreference requesterCheckedIn) {
}
