package org.illbridge.iso10161;

import java.util.List;

/**
 * Supply-Details. shipped-via is either physical (a transportation mode) or electronic.
 *
 * @param dateShipped [0]
 * @param dateDue [1]
 * @param chargeableUnits [2]
 * @param cost [3]
 * @param shippedConditions [4]
 * @param shippedViaPhysical [5] physical-delivery
 * @param shippedViaElectronic [50] electronic-delivery
 * @param insuredFor [6]
 * @param returnInsuranceRequired [7]
 * @param unitsPerMedium [8]
 */
public record SupplyDetails(
    String dateShipped,
    DateDue dateDue,
    Integer chargeableUnits,
    Amount cost,
    Condition shippedConditions,
    IllString shippedViaPhysical,
    ElectronicDeliveryService shippedViaElectronic,
    Amount insuredFor,
    Amount returnInsuranceRequired,
    List<UnitsPerMedium> unitsPerMedium) {

  public SupplyDetails {
    unitsPerMedium = unitsPerMedium == null ? List.of() : List.copyOf(unitsPerMedium);
  }
}
