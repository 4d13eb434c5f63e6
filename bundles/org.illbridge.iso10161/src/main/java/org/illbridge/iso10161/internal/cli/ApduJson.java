package org.illbridge.iso10161.internal.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.illbridge.iso10161.DeliveryService;
import org.illbridge.iso10161.ExtensionItem;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.ProviderErrorReport;
import org.illbridge.iso10161.ResultsExplanation;
import org.illbridge.iso10161.UserErrorReport;

/**
 * JSON form of APDUs for admins (Jackson, records as objects). CHOICE types carry an {@code @type}
 * property with the record's simple name; an ILL-String is a plain JSON string when it is a
 * GeneralString and {@code {"edifact": "..."}} otherwise; opaque values are base64.
 */
public final class ApduJson {
  private static final ObjectMapper MAPPER = create();

  @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY,
      property = "@type")
  private interface Choice {}

  private ApduJson() {}

  private static ObjectMapper create() {
    ObjectMapper m = new ObjectMapper();
    m.setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    m.enable(SerializationFeature.INDENT_OUTPUT);
    m.disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES);
    for (Class<?> sealed : new Class<?>[] {IllApdu.class, ResultsExplanation.class,
        DeliveryService.class, ExtensionItem.class, UserErrorReport.class,
        ProviderErrorReport.class}) {
      m.addMixIn(sealed, Choice.class);
      m.registerSubtypes(sealed.getPermittedSubclasses());
    }
    SimpleModule strings = new SimpleModule("ill-string");
    strings.addSerializer(IllString.class, new JsonSerializer<>() {
      @Override
      public void serialize(IllString s, JsonGenerator g, SerializerProvider p)
          throws IOException {
        if (s.form() == IllString.Form.GENERAL) {
          g.writeString(s.value());
        } else {
          g.writeStartObject();
          g.writeStringField("edifact", s.value());
          g.writeEndObject();
        }
      }
    });
    strings.addDeserializer(IllString.class, new JsonDeserializer<>() {
      @Override
      public IllString deserialize(JsonParser p, DeserializationContext c) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
          return IllString.of(p.getText());
        }
        JsonNode n = p.readValueAsTree();
        JsonNode v = n.get("edifact");
        if (v == null || !v.isTextual()) {
          throw c.weirdStringException(n.toString(), IllString.class,
              "expected a string or {\"edifact\": \"...\"}");
        }
        return new IllString(v.asText(), IllString.Form.EDIFACT);
      }
    });
    m.registerModule(strings);
    return m;
  }

  public static String toJson(IllApdu apdu) throws JsonProcessingException {
    return MAPPER.writerFor(IllApdu.class).writeValueAsString(apdu);
  }

  public static IllApdu fromJson(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, IllApdu.class);
  }
}
