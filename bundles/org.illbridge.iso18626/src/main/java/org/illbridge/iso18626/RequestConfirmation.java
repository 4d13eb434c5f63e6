package org.illbridge.iso18626;

import java.util.List;

/**
 * The answer to a Request. 2017 allows one ErrorData, 2021 several.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RequestConfirmation(
    ConfirmationHeader confirmationHeader,
    List<ErrorData> errorData) implements Iso18626Message {
  public RequestConfirmation {
    errorData = errorData == null ? List.of() : List.copyOf(errorData);
  }
}
