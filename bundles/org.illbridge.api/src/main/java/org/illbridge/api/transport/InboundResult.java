package org.illbridge.api.transport;

/**
 * The engine's verdict on an inbound message, given only after the message and its onward work
 * are durably committed. The transport turns it into the protocol's acknowledgement.
 */
public sealed interface InboundResult {

  /** Stored and applied (or recognised as a duplicate and acknowledged again). */
  record Accepted(String transactionKey, boolean duplicate) implements InboundResult {}

  /**
   * Stored but refused: the transport answers with an error (Status-Or-Error-Report / ErrorData).
   *
   * @param reason neutral reason, one of the constants below
   * @param detail human-readable explanation for the partner and the log
   */
  record Rejected(String reason, String detail) implements InboundResult {}

  String UNKNOWN_AGENCY = "unknown-agency";
  String INVALID_STATE = "invalid-state";
  String UNKNOWN_TRANSACTION = "unknown-transaction";
  String UNSUPPORTED = "unsupported";
}
