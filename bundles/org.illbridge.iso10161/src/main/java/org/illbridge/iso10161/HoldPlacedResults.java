package org.illbridge.iso10161;

import java.util.List;

/**
 * Hold-Placed-Results.
 *
 * @param estimatedDateAvailable [0]
 * @param holdPlacedMediumType [1]
 * @param locations [2]
 */
public record HoldPlacedResults(
    String estimatedDateAvailable,
    MediumType holdPlacedMediumType,
    List<LocationInfo> locations) implements ResultsExplanation {

  public HoldPlacedResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
