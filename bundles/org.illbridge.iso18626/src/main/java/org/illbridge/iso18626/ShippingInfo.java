package org.illbridge.iso18626;

import java.util.List;

/**
 * Courier and insurance details (2021 only).
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record ShippingInfo(
    SchemeValue courierName,
    List<String> trackingIds,
    YesNo insurance,
    YesNo insuranceThirdParty,
    String thirdPartyName,
    List<Costs> insuranceCosts) {
  public ShippingInfo {
    trackingIds = trackingIds == null ? List.of() : List.copyOf(trackingIds);
    insuranceCosts = insuranceCosts == null ? List.of() : List.copyOf(insuranceCosts);
  }
}
