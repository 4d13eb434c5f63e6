package org.illbridge.api.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ILL message in neutral form: what the engine routes, stores and translates. Protocol
 * specifics that have no neutral counterpart travel in {@link #attributes()} under
 * protocol-prefixed keys (for example {@code iso10161.responder-note}); a codec that sees its own
 * keys restores them, other codecs ignore them.
 *
 * @param type what the message does
 * @param requesterTransactionId the requester's id for the transaction (ISO 10161
 *     transaction-group-qualifier + qualifier, ISO 18626 RequestingAgencyRequestId)
 * @param supplierTransactionId the supplier's id once known (ISO 18626 SupplyingAgencyRequestId)
 * @param sender the agency that sent it
 * @param recipient the agency it is for
 * @param timestamp when the sender says it was made
 * @param serviceType requested service (requests) or service actually given (shipped)
 * @param item the item (requests, mostly)
 * @param patron patron data (requests only; may be null and is purged after retention)
 * @param reason neutral reason code (unfilled reason, retry reason, error reason), documented in
 *     the engine's mapping table; null when none
 * @param answer yes/no answer of a Cancel-Reply or Renew-Answer; null for other types
 * @param dueDate due date (shipped, renew answer, overdue)
 * @param note free text; dialects may drop it (seed 000: notes may not pass)
 * @param attributes protocol-specific extras, never null
 * @param warnings normalisation warnings recorded by a lenient codec or a dialect, never null
 */
public record IllMessage(
    MessageType type,
    String requesterTransactionId,
    String supplierTransactionId,
    AgencyId sender,
    AgencyId recipient,
    Instant timestamp,
    ServiceType serviceType,
    Item item,
    Patron patron,
    String reason,
    Boolean answer,
    LocalDate dueDate,
    String note,
    Map<String, String> attributes,
    List<String> warnings) {

  public IllMessage {
    Objects.requireNonNull(type, "type");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** Starts a builder for a message of the given type. */
  public static Builder builder(MessageType type) {
    return new Builder(type);
  }

  /** A builder prefilled with this message, for dialects that rewrite a field or two. */
  public Builder toBuilder() {
    Builder b = new Builder(type);
    b.requesterTransactionId = requesterTransactionId;
    b.supplierTransactionId = supplierTransactionId;
    b.sender = sender;
    b.recipient = recipient;
    b.timestamp = timestamp;
    b.serviceType = serviceType;
    b.item = item;
    b.patron = patron;
    b.reason = reason;
    b.answer = answer;
    b.dueDate = dueDate;
    b.note = note;
    b.attributes = new java.util.LinkedHashMap<>(attributes);
    b.warnings = new java.util.ArrayList<>(warnings);
    return b;
  }

  /** Mutable builder; {@link #build()} makes the immutable record. */
  public static final class Builder {
    private MessageType type;
    private String requesterTransactionId;
    private String supplierTransactionId;
    private AgencyId sender;
    private AgencyId recipient;
    private Instant timestamp;
    private ServiceType serviceType;
    private Item item;
    private Patron patron;
    private String reason;
    private Boolean answer;
    private LocalDate dueDate;
    private String note;
    private Map<String, String> attributes = new java.util.LinkedHashMap<>();
    private List<String> warnings = new java.util.ArrayList<>();

    private Builder(MessageType type) {
      this.type = type;
    }

    public Builder type(MessageType v) { this.type = v; return this; }
    public Builder requesterTransactionId(String v) { this.requesterTransactionId = v; return this; }
    public Builder supplierTransactionId(String v) { this.supplierTransactionId = v; return this; }
    public Builder sender(AgencyId v) { this.sender = v; return this; }
    public Builder recipient(AgencyId v) { this.recipient = v; return this; }
    public Builder timestamp(Instant v) { this.timestamp = v; return this; }
    public Builder serviceType(ServiceType v) { this.serviceType = v; return this; }
    public Builder item(Item v) { this.item = v; return this; }
    public Builder patron(Patron v) { this.patron = v; return this; }
    public Builder reason(String v) { this.reason = v; return this; }
    public Builder answer(Boolean v) { this.answer = v; return this; }
    public Builder dueDate(LocalDate v) { this.dueDate = v; return this; }
    public Builder note(String v) { this.note = v; return this; }
    /** Sets an attribute; a null value removes it (attributes never hold nulls). */
    public Builder attribute(String key, String value) {
      if (value == null) {
        this.attributes.remove(key);
      } else {
        this.attributes.put(key, value);
      }
      return this;
    }
    public Builder warning(String v) { this.warnings.add(v); return this; }

    public IllMessage build() {
      return new IllMessage(type, requesterTransactionId, supplierTransactionId, sender, recipient,
          timestamp, serviceType, item, patron, reason, answer, dueDate, note, attributes, warnings);
    }
  }
}
