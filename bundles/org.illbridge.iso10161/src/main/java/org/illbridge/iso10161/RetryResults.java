package org.illbridge.iso10161;

import java.util.List;

/**
 * Retry-Results.
 *
 * @param reasonNotAvailable [0]
 * @param retryDate [1]
 * @param locations [2]
 */
public record RetryResults(
    ReasonCode reasonNotAvailable,
    String retryDate,
    List<LocationInfo> locations) implements ResultsExplanation {

  public RetryResults {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }
}
