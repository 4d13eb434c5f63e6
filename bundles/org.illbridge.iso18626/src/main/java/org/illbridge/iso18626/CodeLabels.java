package org.illbridge.iso18626;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Human-readable text for every code-list value, in the reader's language (seed 004: codes are
 * never shown to people as they are). Texts live in {@code codes_en.properties} and {@code
 * codes_fr.properties} beside this class; {@code codes.properties} (English) serves any other
 * language. Keys are {@code <CodeList>.<wire code>}, e.g. {@code Status.Loaned}.
 */
public final class CodeLabels {

  private static final String BUNDLE = "org.illbridge.iso18626.codes";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private CodeLabels() {}

  /** The label of a code value, e.g. "On loan" / "Prêté" for {@link Status#LOANED}. */
  public static <E extends Enum<E> & CodeValue> String label(E value, Locale locale) {
    Objects.requireNonNull(value, "value");
    return label(value.getDeclaringClass(), value.code(), locale);
  }

  /**
   * The label of a raw wire value of a code list (open lists carry values outside the enum in a
   * {@link SchemeValue}). Case-insensitive; a value that has no label is shown as "Other value
   * (X)" in the reader's language.
   */
  public static String label(Class<? extends CodeValue> codeList, String wireValue, Locale locale) {
    ResourceBundle bundle = bundle(locale);
    String code = wireValue == null ? "" : wireValue.trim();
    for (CodeValue v : codeList.getEnumConstants()) {
      if (v.code().equalsIgnoreCase(code)) {
        code = v.code();
        break;
      }
    }
    String key = codeList.getSimpleName() + "." + code;
    if (bundle.containsKey(key)) {
      return bundle.getString(key);
    }
    return MessageFormat.format(bundle.getString("unknown"), code);
  }

  /** True when the language has a label for the value (used by the completeness test). */
  public static boolean hasLabel(CodeValue value, Locale locale) {
    ResourceBundle b = bundle(locale);
    String key = value.getClass().getSimpleName() + "." + value.code();
    if (value instanceof Enum<?> e) {
      key = e.getDeclaringClass().getSimpleName() + "." + value.code();
    }
    return b.containsKey(key) && !b.getString(key).isBlank();
  }

  private static ResourceBundle bundle(Locale locale) {
    Locale l = locale == null ? Locale.ENGLISH : locale;
    try {
      return ResourceBundle.getBundle(BUNDLE, l, CodeLabels.class.getClassLoader(), NO_FALLBACK);
    } catch (MissingResourceException e) {
      return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, CodeLabels.class.getClassLoader(), NO_FALLBACK);
    }
  }
}
