package org.illbridge.iso18626;

/**
 * Account and security code the requester may send in the header.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RequestingAgencyAuthentication(
    String accountId,
    String securityCode) {
}
