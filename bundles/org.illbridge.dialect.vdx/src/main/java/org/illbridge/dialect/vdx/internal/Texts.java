package org.illbridge.dialect.vdx.internal;

import org.illbridge.api.dialect.DialectTexts;

/**
 * The dialect's texts: {@code dialect.properties} (English) and {@code dialect_fr.properties}
 * beside this class, read through the API's {@link DialectTexts}.
 */
final class Texts {
  static final DialectTexts TEXTS = DialectTexts.of(Texts.class, "dialect");

  private Texts() {}
}
