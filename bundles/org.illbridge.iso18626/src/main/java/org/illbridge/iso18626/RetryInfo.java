package org.illbridge.iso18626;

import java.util.List;

/**
 * Conditions under which a retry would succeed (a structure of its own in 2021; in 2017 only offeredCosts, retryBefore and retryAfter exist, inside MessageInfo).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RetryInfo(
    List<SchemeValue> loanConditions,
    List<String> editions,
    List<SchemeValue> itemFormats,
    List<String> volumes,
    ServiceType serviceType,
    List<SchemeValue> serviceLevels,
    List<SchemeValue> deliveryMethods,
    List<SchemeValue> courierNames,
    List<Costs> offeredCosts,
    List<SchemeValue> paymentMethods,
    java.time.OffsetDateTime retryBefore,
    java.time.OffsetDateTime retryAfter) {
  public RetryInfo {
    loanConditions = loanConditions == null ? List.of() : List.copyOf(loanConditions);
    editions = editions == null ? List.of() : List.copyOf(editions);
    itemFormats = itemFormats == null ? List.of() : List.copyOf(itemFormats);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    serviceLevels = serviceLevels == null ? List.of() : List.copyOf(serviceLevels);
    deliveryMethods = deliveryMethods == null ? List.of() : List.copyOf(deliveryMethods);
    courierNames = courierNames == null ? List.of() : List.copyOf(courierNames);
    offeredCosts = offeredCosts == null ? List.of() : List.copyOf(offeredCosts);
    paymentMethods = paymentMethods == null ? List.of() : List.copyOf(paymentMethods);
  }
}
