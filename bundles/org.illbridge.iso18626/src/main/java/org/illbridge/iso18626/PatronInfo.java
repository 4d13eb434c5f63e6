package org.illbridge.iso18626;

import java.util.List;

/**
 * The end user. Personal data: minimise and purge after retention.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record PatronInfo(
    String patronId,
    String surname,
    String givenName,
    SchemeValue patronType,
    YesNo sendToPatron,
    List<Address> addresses) {
  public PatronInfo {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }
}
