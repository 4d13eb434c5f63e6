package org.illbridge.iso10161;

import java.util.List;

/**
 * Locations-Results.
 *
 * @param reasonLocsProvided [0]
 * @param locations [1]
 */
public record LocationsResults(
    ReasonCode reasonLocsProvided,
    List<LocationInfo> locations) implements ResultsExplanation {

  public LocationsResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
