package org.illbridge.iso10161;

/**
 * System-Id: at least one of symbol and name is present.
 *
 * @param symbol person-or-institution-symbol [0]
 * @param name name-of-person-or-institution [1]
 */
public record SystemId(
    PersonOrInstitutionSymbol symbol,
    NameOfPersonOrInstitution name) {

  /** An institution known by its symbol only. */
  public static SystemId institution(String symbol) {
    return new SystemId(new PersonOrInstitutionSymbol(PartyKind.INSTITUTION, IllString.of(symbol)), null);
  }
}
