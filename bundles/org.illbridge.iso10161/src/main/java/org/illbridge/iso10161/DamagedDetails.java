package org.illbridge.iso10161;

import java.util.List;

/**
 * Damaged-Details: the complete document, or specific units.
 *
 * @param documentTypeId [0] OID dotted
 * @param completeDocument [1] when true
 * @param specificUnits [2] when not complete
 */
public record DamagedDetails(
    String documentTypeId,
    boolean completeDocument,
    List<Long> specificUnits) {

  public DamagedDetails {
    specificUnits = specificUnits == null ? List.of() : List.copyOf(specificUnits);
  }
}
