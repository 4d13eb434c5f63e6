package org.illbridge.iso18626;

import java.util.List;

/**
 * A new request, retry or reminder from a requesting agency.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record Request(
    Header header,
    BibliographicInfo bibliographicInfo,
    PublicationInfo publicationInfo,
    ServiceInfo serviceInfo,
    List<SupplierInfo> supplierInfos,
    List<RequestedDeliveryInfo> requestedDeliveryInfos,
    RequestingAgencyInfo requestingAgencyInfo,
    PatronInfo patronInfo,
    BillingInfo billingInfo) implements Iso18626Message {
  public Request {
    supplierInfos = supplierInfos == null ? List.of() : List.copyOf(supplierInfos);
    requestedDeliveryInfos = requestedDeliveryInfos == null ? List.of() : List.copyOf(requestedDeliveryInfos);
  }
}
