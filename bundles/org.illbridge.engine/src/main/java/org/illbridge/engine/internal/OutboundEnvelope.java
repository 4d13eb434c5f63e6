package org.illbridge.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.ServiceType;

/**
 * The payload of an engine outbox row: a neutral message in JSON, ids already rewritten for the
 * destination. A request to the second and later lenders of a rota is stored by reference
 * ({@code requestByReference}): the delivery rebuilds the item and patron from the original
 * request in the message log, so patron data is not copied into every attempt.
 *
 * <p>Jackson does the JSON; the neutral record is mapped field by field rather than by
 * reflection so that the payload format is explicit and stable across API versions.
 */
public record OutboundEnvelope(IllMessage message, boolean requestByReference) {

  /** Content type of engine rows. */
  public static final String CONTENT_TYPE = "application/vnd.illbridge.neutral+json";

  /** Content type of rows that carry already-encoded wire bytes (Repeat Last Message). */
  public static final String RAW_CONTENT_TYPE = "application/vnd.illbridge.wire";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public OutboundEnvelope {
    Objects.requireNonNull(message, "message");
  }

  public byte[] toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("v", 1);
    root.put("requestByReference", requestByReference);
    ObjectNode m = root.putObject("message");
    IllMessage msg = message;
    m.put("type", msg.type().name());
    putIfSet(m, "requesterTransactionId", msg.requesterTransactionId());
    putIfSet(m, "supplierTransactionId", msg.supplierTransactionId());
    putIfSet(m, "sender", msg.sender() == null ? null : msg.sender().toString());
    putIfSet(m, "recipient", msg.recipient() == null ? null : msg.recipient().toString());
    putIfSet(m, "timestamp", msg.timestamp() == null ? null : msg.timestamp().toString());
    putIfSet(m, "serviceType", msg.serviceType() == null ? null : msg.serviceType().name());
    if (msg.item() != null) {
      m.set("item", MAPPER.valueToTree(msg.item()));
    }
    if (msg.patron() != null) {
      m.set("patron", MAPPER.valueToTree(msg.patron()));
    }
    putIfSet(m, "reason", msg.reason());
    if (msg.answer() != null) {
      m.put("answer", msg.answer());
    }
    putIfSet(m, "dueDate", msg.dueDate() == null ? null : msg.dueDate().toString());
    putIfSet(m, "note", msg.note());
    if (!msg.attributes().isEmpty()) {
      ObjectNode attrs = m.putObject("attributes");
      msg.attributes().forEach(attrs::put);
    }
    if (!msg.warnings().isEmpty()) {
      msg.warnings().forEach(m.putArray("warnings")::add);
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise outbound message", e);
    }
  }

  /**
   * Reads a payload written by {@link #toJson()}.
   *
   * @throws IOException when the payload is not one (for example redacted after retention)
   */
  public static OutboundEnvelope fromJson(byte[] json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    if (root == null || !root.isObject() || !root.path("message").isObject()) {
      throw new IOException("not an engine outbox payload");
    }
    JsonNode m = root.get("message");
    try {
      IllMessage.Builder b = IllMessage.builder(MessageType.valueOf(m.path("type").asText()));
      b.requesterTransactionId(text(m, "requesterTransactionId"));
      b.supplierTransactionId(text(m, "supplierTransactionId"));
      String sender = text(m, "sender");
      b.sender(sender == null ? null : AgencyId.parse(sender));
      String recipient = text(m, "recipient");
      b.recipient(recipient == null ? null : AgencyId.parse(recipient));
      String ts = text(m, "timestamp");
      b.timestamp(ts == null ? null : Instant.parse(ts));
      String st = text(m, "serviceType");
      b.serviceType(st == null ? null : ServiceType.valueOf(st));
      if (m.hasNonNull("item")) {
        b.item(MAPPER.treeToValue(m.get("item"), Item.class));
      }
      if (m.hasNonNull("patron")) {
        b.patron(MAPPER.treeToValue(m.get("patron"), Patron.class));
      }
      b.reason(text(m, "reason"));
      if (m.hasNonNull("answer")) {
        b.answer(m.get("answer").asBoolean());
      }
      String due = text(m, "dueDate");
      b.dueDate(due == null ? null : LocalDate.parse(due));
      b.note(text(m, "note"));
      if (m.path("attributes").isObject()) {
        Map<String, String> attrs = new LinkedHashMap<>();
        m.get("attributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().asText()));
        attrs.forEach(b::attribute);
      }
      if (m.path("warnings").isArray()) {
        m.get("warnings").forEach(w -> b.warning(w.asText()));
      }
      return new OutboundEnvelope(b.build(), root.path("requestByReference").asBoolean(false));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new IOException("bad engine outbox payload: " + e.getMessage(), e);
    }
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
