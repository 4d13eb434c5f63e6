package org.illbridge.iso18626;

/**
 * The message header. One record for the three message headers: fields that a message type or schema version does not have are null (2017: one header for all; 2021: one per message type, consortialId added, multipleItemRequestId optional).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record Header(
    AgencyIdentifier supplyingAgencyId,
    AgencyIdentifier requestingAgencyId,
    AgencyIdentifier consortialId,
    String multipleItemRequestId,
    java.time.OffsetDateTime timestamp,
    String requestingAgencyRequestId,
    String supplyingAgencyRequestId,
    RequestingAgencyAuthentication requestingAgencyAuthentication) {
}
