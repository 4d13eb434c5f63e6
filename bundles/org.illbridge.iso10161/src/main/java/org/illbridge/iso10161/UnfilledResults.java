package org.illbridge.iso10161;

import java.util.List;

/**
 * Unfilled-Results.
 *
 * @param reasonUnfilled [0]
 * @param locations [1]
 */
public record UnfilledResults(
    ReasonCode reasonUnfilled,
    List<LocationInfo> locations) implements ResultsExplanation {

  public UnfilledResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
