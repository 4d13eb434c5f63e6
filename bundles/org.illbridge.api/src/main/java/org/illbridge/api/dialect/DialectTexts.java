package org.illbridge.api.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.illbridge.api.model.MessageType;

/**
 * A dialect's human-readable texts: a message bundle ({@code <name>.properties}, English, the
 * root bundle, and {@code <name>_fr.properties}) in the dialect's own package. The Dialect SPI
 * carries reasons and warnings as plain strings, so dialects render them in English with {@link
 * #en}; the other languages hold the same keys for the console. Message types are shown by their
 * human name ({@code type.<MESSAGE_TYPE>} keys), never by their enum code.
 *
 * <p>In the API so that every dialect, the project's and a vendor's, can use it while depending
 * on the API alone.
 */
public final class DialectTexts {

  /** No fall-back to the JVM's default locale: English stays English on a French server. */
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String baseName;
  private final ClassLoader loader;

  private DialectTexts(String baseName, ClassLoader loader) {
    this.baseName = baseName;
    this.loader = loader;
  }

  /** The bundle {@code name} in the package of {@code anchor}, loaded by its class loader. */
  public static DialectTexts of(Class<?> anchor, String name) {
    return new DialectTexts(anchor.getPackageName() + "." + name, anchor.getClassLoader());
  }

  /** The text for {@code key} in English, with {@code args} formatted in. */
  public String en(String key, Object... args) {
    return text(Locale.ROOT, key, args);
  }

  /** The text for {@code key} in the given locale (English when the locale has no bundle). */
  public String text(Locale locale, String key, Object... args) {
    String pattern;
    try {
      pattern = bundle(locale).getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("no text for key " + key + " in " + baseName, e);
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  /** The human name of a message type in English, e.g. "Will-Supply" for WILL_SUPPLY. */
  public String type(MessageType type) {
    return en("type." + type.name());
  }

  /** The bundle for a locale, without falling back to the JVM's default locale. */
  public ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(baseName, locale, loader, NO_FALLBACK);
  }

  /**
   * What is wrong with a translation, for the dialect's tests: keys it lacks or adds, texts it
   * leaves in English (except {@code sameInBoth}), texts whose number of arguments differs, and
   * message types without a human name. Empty when complete.
   */
  public List<String> problems(Locale translation, String... sameInBoth) {
    ResourceBundle en = bundle(Locale.ROOT);
    ResourceBundle other = bundle(translation);
    Set<String> keys = new TreeSet<>(Collections.list(en.getKeys()));
    Set<String> own = ownKeys(translation);
    List<String> problems = new ArrayList<>();
    for (String key : keys) {
      if (!own.contains(key)) {
        problems.add("missing in " + translation + ": " + key);
      } else if (en.getString(key).equals(other.getString(key))
          && !Set.of(sameInBoth).contains(key)) {
        problems.add("untranslated in " + translation + ": " + key);
      } else if (arguments(en.getString(key)) != arguments(other.getString(key))) {
        problems.add("argument count differs in " + translation + ": " + key);
      }
    }
    own.stream().filter(k -> !keys.contains(k)).forEach(k -> problems.add("only in " + translation + ": " + k));
    for (MessageType t : MessageType.values()) {
      if (!keys.contains("type." + t.name())) {
        problems.add("no human name for message type " + t.name());
      }
    }
    return problems;
  }

  /** The keys in the translation's own file; its bundle would also show the inherited ones. */
  private Set<String> ownKeys(Locale translation) {
    String file = baseName.replace('.', '/') + "_" + translation + ".properties";
    Properties own = new Properties();
    try (InputStream in = loader.getResourceAsStream(file)) {
      if (in != null) {
        own.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new TreeSet<>(own.stringPropertyNames());
  }

  private static int arguments(String pattern) {
    return new MessageFormat(pattern).getFormatsByArgumentIndex().length;
  }
}
