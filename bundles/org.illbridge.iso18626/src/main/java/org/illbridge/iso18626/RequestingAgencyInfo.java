package org.illbridge.iso18626;

import java.util.List;

/**
 * Contact details of the requesting agency.
 *
 * <p>Every field is nullable except lists, which are never null (empty when absent).
 */
public record RequestingAgencyInfo(
    String name,
    String contactName,
    List<Address> addresses) {
  public RequestingAgencyInfo {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
  }
}
