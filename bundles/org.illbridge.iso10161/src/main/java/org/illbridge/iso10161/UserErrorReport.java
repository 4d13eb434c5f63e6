package org.illbridge.iso10161;

/** User-Error-Report CHOICE. */
public sealed interface UserErrorReport {

  /** already-forwarded [0]. */
  record AlreadyForwarded(SystemId responderId, SystemAddress responderAddress)
      implements UserErrorReport {}

  /** intermediary-problem [1]; the only value defined is 1 (cannot-send-onward). */
  record IntermediaryProblem(int code) implements UserErrorReport {}

  /** security-problem [2]. */
  record SecurityProblem(IllString text) implements UserErrorReport {}

  /** unable-to-perform [3]. */
  record UnableToPerformReport(UnableToPerform reason) implements UserErrorReport {}
}
