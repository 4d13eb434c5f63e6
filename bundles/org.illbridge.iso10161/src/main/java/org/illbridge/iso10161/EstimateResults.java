package org.illbridge.iso10161;

import java.util.List;

/**
 * Estimate-Results.
 *
 * @param costEstimate [0]
 * @param locations [1]
 */
public record EstimateResults(
    IllString costEstimate,
    List<LocationInfo> locations) implements ResultsExplanation {

  public EstimateResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
