package org.illbridge.iso18626;

/**
 * A candidate supplier suggested by the requester.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record SupplierInfo(
    Integer sortOrder,
    AgencyIdentifier supplierCode,
    String supplierDescription,
    BibliographicRecordId bibliographicRecordId,
    String callNumber,
    String summaryHoldings,
    String availabilityNote) {
}
