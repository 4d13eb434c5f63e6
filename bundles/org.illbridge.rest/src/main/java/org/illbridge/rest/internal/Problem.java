package org.illbridge.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer as RFC 9457 problem details ({@code application/problem+json}): {@code type}
 * (a URN naming the problem, stable for clients to switch on), {@code title}, {@code status},
 * {@code detail} (what exactly went wrong, for a person) and {@code instance} (the request path),
 * plus extension members such as {@code field}. Never a stack trace.
 */
final class Problem extends Exception {
  private static final long serialVersionUID = 1L;

  static final String CONTENT_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "urn:illbridge:problem:";

  private final int status;
  private final String slug;
  private final String title;
  private final transient Map<String, Object> extensions = new LinkedHashMap<>();
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  Problem(int status, String slug, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  static Problem badRequest(String detail) {
    return new Problem(400, "bad-request", "Bad request", detail);
  }

  static Problem invalid(InvalidInputException e) {
    Problem p = e.kind() == InvalidInputException.Kind.MALFORMED
        ? new Problem(400, "malformed-json", "Malformed JSON", e.getMessage())
        : new Problem(400, "invalid-field", "Invalid field", e.getMessage());
    if (e.field() != null) {
      p.with("field", e.field());
    }
    return p;
  }

  static Problem notFound(String detail) {
    return new Problem(404, "not-found", "Not found", detail);
  }

  Problem with(String name, Object value) {
    extensions.put(name, value);
    return this;
  }

  Problem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  String slug() {
    return slug;
  }

  ApiResponse toResponse(String instance) {
    ObjectNode o = JsonFields.MAPPER.createObjectNode();
    o.put("type", TYPE_PREFIX + slug);
    o.put("title", title);
    o.put("status", status);
    o.put("detail", getMessage());
    if (instance != null) {
      o.put("instance", instance);
    }
    extensions.forEach((k, v) -> o.set(k, JsonFields.MAPPER.valueToTree(v)));
    try {
      return new ApiResponse(status, CONTENT_TYPE, JsonFields.MAPPER.writeValueAsBytes(o), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem document", e);
    }
  }
}
