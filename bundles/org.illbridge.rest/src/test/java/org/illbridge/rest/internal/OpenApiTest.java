package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.junit.jupiter.api.Test;

/** Keeps openapi.json in step with the code: routes, actions, parameters, fields, enums, refs. */
class OpenApiTest {

  private final JsonNode doc = read();

  private static JsonNode read() {
    try {
      return JsonFields.MAPPER.readTree(RestApi.loadOpenApi());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyRouteIsDescribedAndNothingElse() {
    Set<String> described = new HashSet<>();
    for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
        described.add(methods.next().toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    Set<String> served = new HashSet<>();
    for (RestApi.Route r : RestApi.ROUTES) {
      served.add(r.method() + " " + r.template());
    }
    assertEquals(served, described);
    assertEquals(RestApi.BASE_PATH, doc.at("/servers/0/url").asText());
  }

  @Test
  void actionsAndQueryParametersMatch() {
    assertEquals(RestApi.ACTIONS, texts(doc.at("/paths/~1transactions~1{key}~1actions~1{action}/post/parameters/1/schema/enum")));
    Set<String> params = new HashSet<>();
    doc.at("/paths/~1transactions/get/parameters").forEach(p -> params.add(p.get("name").asText()));
    assertEquals(RestApi.LIST_PARAMS, params);
  }

  @Test
  void schemasMatchTheJsonTheCodeReadsAndWrites() {
    assertEquals(MessageJson.MESSAGE_FIELDS, names(schema("Message").get("properties")));
    assertEquals(MessageJson.ITEM_FIELDS, names(schema("Item").get("properties")));
    assertEquals(MessageJson.PATRON_FIELDS, names(schema("Patron").get("properties")));
    assertEquals(RestApi.CREATE_FIELDS, names(schema("CreateRequest").get("properties")));
    assertEquals(enumNames(MessageType.values()), texts(schema("MessageType").get("enum")));
    assertEquals(enumNames(ServiceType.values()), texts(schema("ServiceType").get("enum")));
    assertEquals(enumNames(TransactionState.values()), texts(schema("TransactionState").get("enum")));
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertFalse(refs.isEmpty());
    for (String ref : refs) {
      assertTrue(ref.startsWith("#/"), ref);
      assertFalse(doc.at(ref.substring(1)).isMissingNode(), "unresolved " + ref);
    }
  }

  private JsonNode schema(String name) {
    JsonNode s = doc.at("/components/schemas/" + name);
    assertFalse(s.isMissingNode(), name);
    return s;
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, out));
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> out = new HashSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> enumNames(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name());
    }
    return out;
  }
}
