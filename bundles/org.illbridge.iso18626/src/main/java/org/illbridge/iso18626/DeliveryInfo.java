package org.illbridge.iso18626;

import java.util.List;

/**
 * How the item was sent. 2017 names: sentVia ({@code deliveryMethod}), deliveredFormat ({@code itemFormat}); {@code url}, {@code address}, {@code serviceType} and {@code paymentMethod} are 2021 only, and 2017 allows one itemId, loanCondition and deliveryCost.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record DeliveryInfo(
    java.time.OffsetDateTime dateSent,
    List<String> itemIds,
    String url,
    SchemeValue deliveryMethod,
    Address address,
    Boolean sentToPatron,
    List<SchemeValue> loanConditions,
    SchemeValue itemFormat,
    ServiceType serviceType,
    List<Costs> deliveryCosts,
    SchemeValue paymentMethod) {
  public DeliveryInfo {
    itemIds = itemIds == null ? List.of() : List.copyOf(itemIds);
    loanConditions = loanConditions == null ? List.of() : List.copyOf(loanConditions);
    deliveryCosts = deliveryCosts == null ? List.of() : List.copyOf(deliveryCosts);
  }
}
