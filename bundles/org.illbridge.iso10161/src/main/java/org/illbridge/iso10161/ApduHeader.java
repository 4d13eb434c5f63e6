package org.illbridge.iso10161;

/**
 * The components every APDU starts with.
 *
 * @param protocolVersion protocol-version-num [0] (2 for version 2)
 * @param transactionId [1]
 * @param serviceDateTime [2]
 * @param requesterId [3]
 * @param responderId [4]
 */
public record ApduHeader(
    int protocolVersion,
    TransactionId transactionId,
    ServiceDateTime serviceDateTime,
    SystemId requesterId,
    SystemId responderId) {
}
