package org.illbridge.iso10161;

import java.util.List;

/**
 * Conditional-Results.
 *
 * @param conditions [0]
 * @param dateForReply [1]
 * @param locations [2]
 * @param proposedDeliveryService [7]/[50]
 */
public record ConditionalResults(
    Condition conditions,
    String dateForReply,
    List<LocationInfo> locations,
    DeliveryService proposedDeliveryService) implements ResultsExplanation {

  public ConditionalResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
