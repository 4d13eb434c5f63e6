package org.illbridge.iso18626;

import java.util.List;
import java.util.Objects;

/**
 * A decoded ISO 18626 message with the schema revision it was written in and the warnings a
 * lenient read recorded (empty after a strict read).
 */
public record Iso18626Document(Iso18626Version version, Iso18626Message message, List<String> warnings) {
  public Iso18626Document {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(message, "message");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
