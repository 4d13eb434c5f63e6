package org.illbridge.iso10161;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Human-readable text for every ISO 10161 code value, in the reader's language (codes are never
 * shown to people as they are). Texts live in {@code codes_en.properties} and {@code
 * codes_fr.properties} beside this class ({@code codes.properties}, English, for any other
 * language). Keys are {@code <Enum>.<kebab-case name>}, e.g. {@code ReasonCode.in-use-on-loan}: the
 * same names the neutral mapping puts in {@code IllMessage.reason()}.
 */
public final class CodeLabels {
  private static final String BUNDLE = "org.illbridge.iso10161.codes";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private CodeLabels() {}

  /** The label of a value, e.g. "In use (on loan)" / "En prêt". */
  public static <E extends Enum<E> & IllEnum> String label(E value, Locale locale) {
    Objects.requireNonNull(value, "value");
    return label(value.getDeclaringClass(), kebab(value), locale);
  }

  /**
   * The label of a code given by its kebab-case name (as in a neutral message's reason); a code
   * without a label is shown as "Other value (x)" in the reader's language.
   */
  public static String label(Class<? extends IllEnum> type, String code, Locale locale) {
    ResourceBundle b = bundle(locale);
    String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
    String key = type.getSimpleName() + "." + c;
    return b.containsKey(key) ? b.getString(key) : MessageFormat.format(b.getString("unknown"), c);
  }

  /** True when the language has a label for the value. */
  public static <E extends Enum<E> & IllEnum> boolean hasLabel(E value, Locale locale) {
    ResourceBundle b = bundle(locale);
    String key = value.getDeclaringClass().getSimpleName() + "." + kebab(value);
    return b.containsKey(key) && !b.getString(key).isBlank();
  }

  private static String kebab(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(BUNDLE, locale == null ? Locale.ENGLISH : locale,
        CodeLabels.class.getClassLoader(), NO_FALLBACK);
  }
}
