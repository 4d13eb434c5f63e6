package org.illbridge.iso18626;

import java.util.List;

/**
 * The answer to a SupplyingAgencyMessage.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record SupplyingAgencyMessageConfirmation(
    ConfirmationHeader confirmationHeader,
    ReasonForMessage reasonForMessage,
    List<ErrorData> errorData) implements Iso18626Message {
  public SupplyingAgencyMessageConfirmation {
    errorData = errorData == null ? List.of() : List.copyOf(errorData);
  }
}
