package org.illbridge.iso18626;

import java.util.List;

/**
 * The service requested. {@code itemFormat} is PreferredFormat in 2017; {@code preferredEdition} and {@code loanConditions} exist in 2021 only.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record ServiceInfo(
    RequestType requestType,
    List<RequestSubType> requestSubTypes,
    String requestingAgencyPreviousRequestId,
    ServiceType serviceType,
    SchemeValue serviceLevel,
    SchemeValue itemFormat,
    java.time.OffsetDateTime needBeforeDate,
    SchemeValue copyrightCompliance,
    YesNo anyEdition,
    PreferredEdition preferredEdition,
    List<SchemeValue> loanConditions,
    java.time.OffsetDateTime startDate,
    java.time.OffsetDateTime endDate,
    String note) {
  public ServiceInfo {
    requestSubTypes = requestSubTypes == null ? List.of() : List.copyOf(requestSubTypes);
    loanConditions = loanConditions == null ? List.of() : List.copyOf(loanConditions);
  }
}
