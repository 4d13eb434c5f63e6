package org.illbridge.iso10161;

/** ILL-Answer.results-explanation: one alternative per Transaction-Results value. */
public sealed interface ResultsExplanation
    permits ConditionalResults, RetryResults, UnfilledResults, LocationsResults,
        WillSupplyResults, HoldPlacedResults, EstimateResults {}
