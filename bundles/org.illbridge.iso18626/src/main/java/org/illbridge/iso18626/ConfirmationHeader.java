package org.illbridge.iso18626;

/**
 * Header of every confirmation. {@code multipleItemRequestId} exists in 2017 only.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record ConfirmationHeader(
    AgencyIdentifier supplyingAgencyId,
    AgencyIdentifier requestingAgencyId,
    java.time.OffsetDateTime timestamp,
    String requestingAgencyRequestId,
    String multipleItemRequestId,
    java.time.OffsetDateTime timestampReceived,
    MessageStatus messageStatus) {
}
