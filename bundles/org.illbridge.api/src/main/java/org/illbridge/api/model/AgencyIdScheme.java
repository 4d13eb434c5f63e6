package org.illbridge.api.model;

/**
 * How an agency (library) is identified. ISO 18626 carries the scheme as AgencyIdType; ISO 10161
 * carries a Person-Or-Institution-Symbol whose CHOICE (person/institution) says little about the
 * scheme, so the dialect or the partner directory decides.
 */
public enum AgencyIdScheme {
  /** ISO 15511 International Standard Identifier for Libraries, e.g. {@code CA-BVAS}. */
  ISIL,
  /** OCLC symbol, e.g. {@code UBC}. */
  OCLC,
  /** National Union Catalogue style symbol, e.g. {@code BVAS} (Canada). */
  NUC,
  /** Anything else a partner uses; the value is kept verbatim. */
  OTHER;

  /** Parses a scheme name case-insensitively, falling back to {@link #OTHER}. */
  public static AgencyIdScheme parse(String name) {
    for (AgencyIdScheme s : values()) {
      if (s.name().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    return OTHER;
  }
}
