package org.illbridge.rest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.rest.internal.InvalidInputException.Kind;

/**
 * Strict reading of JSON objects: every field is checked for its JSON type, unknown fields are
 * refused, and errors name the field. Jackson parses (duplicate keys, trailing tokens and deep
 * nesting are refused by the parser); this class only walks the tree.
 */
final class JsonFields {

  /** Longest string accepted in any field; the body limit bounds the total. */
  static final int MAX_STRING = 65_536;
  private static final int MAX_DEPTH = 32;

  static final ObjectMapper MAPPER = mapper();

  private final ObjectNode node;
  private final String path;

  private JsonFields(ObjectNode node, String path) {
    this.node = node;
    this.path = path;
  }

  private static ObjectMapper mapper() {
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    return mapper;
  }

  /** Parses a whole document that must be a JSON object. */
  static JsonNode parse(byte[] json) throws InvalidInputException {
    if (json == null || json.length == 0) {
      throw new InvalidInputException(Kind.MALFORMED, null, "the body is empty; a JSON object is expected");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(Kind.MALFORMED, null, "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")" : ""));
    } catch (IOException e) {
      throw new InvalidInputException(Kind.MALFORMED, null, "not valid JSON: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidInputException(Kind.MALFORMED, null, "the body is empty; a JSON object is expected");
    }
    return root;
  }

  /** The object at {@code path}, refusing any field not in {@code allowed}. */
  static JsonFields object(JsonNode value, String path, Set<String> allowed) throws InvalidInputException {
    if (value == null || !value.isObject()) {
      throw new InvalidInputException(path.isEmpty() ? Kind.MALFORMED : Kind.BAD_VALUE, path,
          "must be a JSON object, not " + describe(value));
    }
    ObjectNode object = (ObjectNode) value;
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        StringJoiner known = new StringJoiner(", ");
        allowed.stream().sorted().forEach(known::add);
        throw new InvalidInputException(Kind.UNKNOWN_FIELD, join(path, name),
            "unknown field (known fields: " + known + ")");
      }
    }
    return new JsonFields(object, path);
  }

  String path(String name) {
    return join(path, name);
  }

  boolean has(String name) {
    JsonNode v = node.get(name);
    return v != null && !v.isNull();
  }

  JsonNode raw(String name) {
    return node.get(name);
  }

  /** A string field; null when absent or JSON null. */
  String string(String name) throws InvalidInputException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name), "must be a string, not " + describe(v));
    }
    String s = v.textValue();
    if (s.length() > MAX_STRING) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name), "is longer than " + MAX_STRING + " characters");
    }
    return s;
  }

  /** A string field that must be present and not blank. */
  String requiredString(String name) throws InvalidInputException {
    String s = string(name);
    if (s == null || s.isBlank()) {
      throw new InvalidInputException(Kind.MISSING_FIELD, path(name), "is required");
    }
    return s;
  }

  Boolean bool(String name) throws InvalidInputException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name), "must be true or false, not " + describe(v));
    }
    return v.booleanValue();
  }

  /** A value of an enum, written exactly as its name; the error lists the accepted names. */
  <E extends Enum<E>> E enumValue(String name, Class<E> type) throws InvalidInputException {
    String s = string(name);
    if (s == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    StringJoiner names = new StringJoiner(", ");
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw new InvalidInputException(Kind.BAD_VALUE, path(name),
        "unknown value '" + abbreviate(s) + "' (one of: " + names + ")");
  }

  AgencyId agency(String name) throws InvalidInputException {
    String s = string(name);
    return s == null ? null : parseAgency(s, path(name));
  }

  /**
   * {@code SCHEME:VALUE} with a known scheme. Stricter than {@link AgencyId#parse}, which falls
   * back to OTHER: a typo in the scheme must not silently become another library's id.
   */
  static AgencyId parseAgency(String text, String field) throws InvalidInputException {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidInputException(Kind.BAD_VALUE, field,
          "bad agency id '" + abbreviate(text) + "': write it as SCHEME:VALUE, e.g. ISIL:CA-BVAS");
    }
    String scheme = text.substring(0, colon);
    AgencyIdScheme parsed = null;
    for (AgencyIdScheme s : AgencyIdScheme.values()) {
      if (s.name().equalsIgnoreCase(scheme)) {
        parsed = s;
      }
    }
    if (parsed == null) {
      throw new InvalidInputException(Kind.BAD_VALUE, field, "bad agency id '" + abbreviate(text)
          + "': unknown scheme '" + abbreviate(scheme) + "' (one of: ISIL, OCLC, NUC, OTHER)");
    }
    String value = text.substring(colon + 1);
    if (value.length() > 100 || !value.chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
      throw new InvalidInputException(Kind.BAD_VALUE, field, "bad agency id '" + abbreviate(text)
          + "': the value must be 1 to 100 characters without spaces or control characters");
    }
    return new AgencyId(parsed, value);
  }

  Instant instant(String name) throws InvalidInputException {
    String s = string(name);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name), "bad date-time '" + abbreviate(s)
          + "': expected ISO 8601 with an offset, e.g. 2025-03-03T09:00:00Z");
    }
  }

  LocalDate date(String name) throws InvalidInputException {
    String s = string(name);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeException e) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name),
          "bad date '" + abbreviate(s) + "': expected YYYY-MM-DD, e.g. 2025-04-30");
    }
  }

  /** An object whose values are all strings (attributes). */
  Map<String, String> stringMap(String name) throws InvalidInputException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name), "must be a JSON object of strings, not " + describe(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(Kind.BAD_VALUE, path(name) + "." + e.getKey(),
            "must be a string, not " + describe(e.getValue()));
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** An array of strings. */
  List<String> stringList(String name) throws InvalidInputException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new InvalidInputException(Kind.BAD_VALUE, path(name), "must be an array of strings, not " + describe(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw new InvalidInputException(Kind.BAD_VALUE, path(name) + "[" + i + "]",
            "must be a string, not " + describe(e));
      }
      out.add(e.textValue());
    }
    return out;
  }

  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    return v.getNodeType().name().toLowerCase(Locale.ROOT).replace("pojo", "object");
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String join(String path, String name) {
    return path == null || path.isEmpty() ? name : path + "." + name;
  }
}
