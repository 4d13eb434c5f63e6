package org.illbridge.api.model;

import java.util.Objects;

/**
 * Identifies one library. Written as {@code SCHEME:VALUE}, e.g. {@code ISIL:CA-BVAS} or {@code
 * NUC:BVAS}. Values are compared case-insensitively by normalising them to upper case, because
 * partners are not consistent about case in symbols.
 */
public record AgencyId(AgencyIdScheme scheme, String value) {

  public AgencyId {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(value, "value");
    value = value.trim().toUpperCase(java.util.Locale.ROOT);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("agency id value is empty");
    }
  }

  /**
   * Parses {@code SCHEME:VALUE}; a string without a scheme is taken as {@link AgencyIdScheme#OTHER}.
   * ISIL values themselves contain a hyphen, never a colon, so the first colon splits.
   */
  public static AgencyId parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon < 0) {
      return new AgencyId(AgencyIdScheme.OTHER, text);
    }
    return new AgencyId(AgencyIdScheme.parse(text.substring(0, colon)), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return scheme.name() + ":" + value;
  }
}
