package org.illbridge.iso18626;

/** One of the six ISO 18626 messages (the child of the ISO18626Message root element). */
public sealed interface Iso18626Message
    permits Request,
        RequestConfirmation,
        SupplyingAgencyMessage,
        SupplyingAgencyMessageConfirmation,
        RequestingAgencyMessage,
        RequestingAgencyMessageConfirmation {

  /** True for the three confirmations. */
  default boolean isConfirmation() {
    return this instanceof RequestConfirmation
        || this instanceof SupplyingAgencyMessageConfirmation
        || this instanceof RequestingAgencyMessageConfirmation;
  }
}
