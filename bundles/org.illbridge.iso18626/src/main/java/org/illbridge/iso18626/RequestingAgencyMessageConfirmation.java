package org.illbridge.iso18626;

import java.util.List;

/**
 * The answer to a RequestingAgencyMessage.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RequestingAgencyMessageConfirmation(
    ConfirmationHeader confirmationHeader,
    Action action,
    List<ErrorData> errorData) implements Iso18626Message {
  public RequestingAgencyMessageConfirmation {
    errorData = errorData == null ? List.of() : List.copyOf(errorData);
  }
}
