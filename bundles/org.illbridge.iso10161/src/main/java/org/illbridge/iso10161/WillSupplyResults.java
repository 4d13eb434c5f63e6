package org.illbridge.iso10161;

import java.util.List;

/**
 * Will-Supply-Results.
 *
 * @param reasonWillSupply [0]
 * @param supplyDate [1]
 * @param returnToAddress [2]
 * @param locations [3]
 * @param electronicDeliveryService [4]
 */
public record WillSupplyResults(
    ReasonCode reasonWillSupply,
    String supplyDate,
    PostalAddress returnToAddress,
    List<LocationInfo> locations,
    ElectronicDeliveryService electronicDeliveryService) implements ResultsExplanation {

  public WillSupplyResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
