package org.illbridge.iso10161;

/**
 * OCLC ILL request extension (OID 1.0.10161.13.2).
 *
 * @param clientDepartment [0]
 * @param paymentMethod [1]
 * @param uniformTitle [2]
 * @param dissertation [3]
 * @param issueNumber [4]
 * @param volume [5]
 * @param affiliations [6]
 * @param source [7]
 */
public record OclcIllRequestExtension(
    IllString clientDepartment,
    IllString paymentMethod,
    IllString uniformTitle,
    IllString dissertation,
    IllString issueNumber,
    IllString volume,
    IllString affiliations,
    IllString source) implements ExtensionItem {

  /** Registered object identifier of this extension. */
  public static final String OID = "1.0.10161.13.2";
}
