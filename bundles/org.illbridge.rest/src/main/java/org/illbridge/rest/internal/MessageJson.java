package org.illbridge.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.ServiceType;
import org.illbridge.rest.internal.InvalidInputException.Kind;

/**
 * The JSON form of a neutral {@link IllMessage}: what the home system receives by webhook and what
 * the bridge logs for the requests it creates through the API. Documented in the README and in
 * {@code openapi.json} (schema {@code Message}). Absent fields are omitted, never written as null;
 * {@code labels} is output only (human-readable names from the message bundle) and ignored on
 * input. The mapping is written field by field, not by reflection, so the format is explicit and
 * stays stable when the model grows.
 */
final class MessageJson {

  static final Set<String> MESSAGE_FIELDS = Set.of("type", "requesterTransactionId",
      "supplierTransactionId", "sender", "recipient", "timestamp", "serviceType", "item", "patron",
      "reason", "answer", "dueDate", "note", "attributes", "warnings", "labels");
  static final Set<String> ITEM_FIELDS = Set.of("title", "author", "isbn", "issn", "oclcNumber",
      "systemNumber", "publisher", "publicationDate", "edition", "volume", "pagesRequested",
      "verificationSource");
  static final Set<String> PATRON_FIELDS = Set.of("id", "name", "status");

  private MessageJson() {}

  static IllMessage read(byte[] json) throws InvalidInputException {
    return read(JsonFields.parse(json));
  }

  static IllMessage read(JsonNode root) throws InvalidInputException {
    JsonFields f = JsonFields.object(root, "", MESSAGE_FIELDS);
    if (!f.has("type")) {
      throw new InvalidInputException(Kind.MISSING_FIELD, "type", "is required");
    }
    MessageType type = f.enumValue("type", MessageType.class);
    IllMessage.Builder b = IllMessage.builder(type)
        .requesterTransactionId(f.string("requesterTransactionId"))
        .supplierTransactionId(f.string("supplierTransactionId"))
        .sender(f.agency("sender"))
        .recipient(f.agency("recipient"))
        .timestamp(f.instant("timestamp"))
        .serviceType(f.enumValue("serviceType", ServiceType.class))
        .item(f.has("item") ? item(f.raw("item"), f.path("item")) : null)
        .patron(f.has("patron") ? patron(f.raw("patron"), f.path("patron")) : null)
        .reason(f.string("reason"))
        .answer(f.bool("answer"))
        .dueDate(f.date("dueDate"))
        .note(f.string("note"));
    f.stringMap("attributes").forEach(b::attribute);
    for (String w : f.stringList("warnings")) {
      b.warning(w);
    }
    if (f.has("labels")) {
      JsonFields.object(f.raw("labels"), "labels", Set.of("type", "state", "serviceType", "reason", "notice"));
    }
    return b.build();
  }

  static Item item(JsonNode node, String path) throws InvalidInputException {
    JsonFields f = JsonFields.object(node, path, ITEM_FIELDS);
    return new Item(f.string("title"), f.string("author"), f.string("isbn"), f.string("issn"),
        f.string("oclcNumber"), f.string("systemNumber"), f.string("publisher"),
        f.string("publicationDate"), f.string("edition"), f.string("volume"),
        f.string("pagesRequested"), f.string("verificationSource"));
  }

  static Patron patron(JsonNode node, String path) throws InvalidInputException {
    JsonFields f = JsonFields.object(node, path, PATRON_FIELDS);
    return new Patron(f.string("id"), f.string("name"), f.string("status"));
  }

  static byte[] write(IllMessage m, Labels labels) {
    try {
      return JsonFields.MAPPER.writeValueAsBytes(tree(m, labels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a message as JSON", e);
    }
  }

  static ObjectNode tree(IllMessage m, Labels labels) {
    ObjectNode o = JsonFields.MAPPER.createObjectNode();
    o.put("type", m.type().name());
    put(o, "requesterTransactionId", m.requesterTransactionId());
    put(o, "supplierTransactionId", m.supplierTransactionId());
    put(o, "sender", m.sender() == null ? null : m.sender().toString());
    put(o, "recipient", m.recipient() == null ? null : m.recipient().toString());
    put(o, "timestamp", m.timestamp() == null ? null : m.timestamp().toString());
    put(o, "serviceType", m.serviceType() == null ? null : m.serviceType().name());
    if (m.item() != null) {
      o.set("item", itemTree(m.item()));
    }
    if (m.patron() != null) {
      ObjectNode p = o.putObject("patron");
      put(p, "id", m.patron().id());
      put(p, "name", m.patron().name());
      put(p, "status", m.patron().status());
    }
    put(o, "reason", m.reason());
    if (m.answer() != null) {
      o.put("answer", m.answer());
    }
    put(o, "dueDate", m.dueDate() == null ? null : m.dueDate().toString());
    put(o, "note", m.note());
    if (!m.attributes().isEmpty()) {
      ObjectNode attrs = o.putObject("attributes");
      m.attributes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e -> attrs.put(e.getKey(), e.getValue()));
    }
    if (!m.warnings().isEmpty()) {
      m.warnings().forEach(o.putArray("warnings")::add);
    }
    if (labels != null) {
      ObjectNode l = o.putObject("labels");
      l.put("type", labels.type(m.type()));
      if (m.serviceType() != null) {
        l.put("serviceType", labels.serviceType(m.serviceType()));
      }
      put(l, "reason", m.reason() == null ? null : labels.reason(m.reason()));
      String notice = m.attributes().get(Labels.ATTR_NOTICE);
      put(l, "notice", notice == null ? null : labels.notice(notice));
    }
    return o;
  }

  static ObjectNode itemTree(Item item) {
    ObjectNode i = JsonFields.MAPPER.createObjectNode();
    put(i, "title", item.title());
    put(i, "author", item.author());
    put(i, "isbn", item.isbn());
    put(i, "issn", item.issn());
    put(i, "oclcNumber", item.oclcNumber());
    put(i, "systemNumber", item.systemNumber());
    put(i, "publisher", item.publisher());
    put(i, "publicationDate", item.publicationDate());
    put(i, "edition", item.edition());
    put(i, "volume", item.volume());
    put(i, "pagesRequested", item.pagesRequested());
    put(i, "verificationSource", item.verificationSource());
    return i;
  }

  private static void put(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }
}
