package org.illbridge.iso10161;

import java.util.List;

/**
 * Returned ([APPLICATION 10]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param supplementalItemDescription [17]
 * @param dateReturned [37]
 * @param returnedVia [38] transportation mode
 * @param insuredFor [39]
 * @param requesterNote [46]
 * @param extensions [49]
 */
public record Returned(
    ApduHeader header,
    List<RawBer> supplementalItemDescription,
    String dateReturned,
    IllString returnedVia,
    Amount insuredFor,
    IllString requesterNote,
    List<Extension> extensions) implements IllApdu {

  public Returned {
    supplementalItemDescription = supplementalItemDescription == null ? List.of() : List.copyOf(supplementalItemDescription);
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.RETURNED;
  }
}
