package org.illbridge.iso10161;

/** Provider-Error-Report CHOICE. */
public sealed interface ProviderErrorReport {

  /** general-problem [0]. */
  record General(GeneralProblem problem) implements ProviderErrorReport {}

  /** transaction-id-problem [1]. */
  record TransactionIdProblemReport(TransactionIdProblem problem) implements ProviderErrorReport {}

  /** state-transition-prohibited [2]: the service is not valid in the transaction's state. */
  record StateTransitionProhibited(ApduType apduType, CurrentState currentState)
      implements ProviderErrorReport {}
}
