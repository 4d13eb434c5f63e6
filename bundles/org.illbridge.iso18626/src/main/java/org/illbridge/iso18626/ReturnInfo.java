package org.illbridge.iso18626;

/**
 * Where a loan must be returned.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record ReturnInfo(
    AgencyIdentifier returnAgencyId,
    String name,
    PhysicalAddress physicalAddress) {
}
