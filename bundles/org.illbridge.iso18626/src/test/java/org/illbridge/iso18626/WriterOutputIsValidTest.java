package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof that outbound XSD validation is redundant for the bridge's own messages: whatever
 * records it is given, the writer either refuses them (with a clear error) or emits bytes that an
 * independent XSD validator accepts. Records come from a generator that walks the message model
 * by reflection and fills each component at random: left out, empty, markup and non-ASCII text,
 * every enum constant (2021-only codes included), odd dates, numbers and list sizes. The generator
 * covers every record type of the model (checked below), so a required element the writer lets
 * go missing, a code of the wrong revision or an element in the wrong order fails this test.
 */
class WriterOutputIsValidTest {

  private static final int CASES = 3_000;

  private static final List<Class<? extends Iso18626Message>> MESSAGES = List.of(Request.class,
      RequestConfirmation.class, SupplyingAgencyMessage.class, SupplyingAgencyMessageConfirmation.class,
      RequestingAgencyMessage.class, RequestingAgencyMessageConfirmation.class);

  private static final String[] TEXTS = {"", " ", "x", "abc-123", " padded ", "a < b && c > d \"q\" 'a' ]]>",
      "line1\r\nline2\ttab", "é ü ß 中文 😀 \u00a0", "ISIL", "2024-03-01", "12.50", "http://example.org/a?b=c&d",
      "not a uri with spaces", "-1", "0", "Y", "N", "Loaned", "RequestReceived"};

  private final Iso18626Codec plain = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());

  @ParameterizedTest
  @EnumSource(Iso18626Version.class)
  void theWriterRefusesOrWritesSchemaValidXml(Iso18626Version version) {
    Generator generator = new Generator();
    Map<String, Integer> invalid = new TreeMap<>();
    Map<String, String> examples = new TreeMap<>();
    int written = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      generator.random = new SplittableRandom(i * 7919L + version.ordinal());
      Iso18626Message m = generator.message(MESSAGES.get(i % MESSAGES.size()));
      byte[] xml;
      try {
        xml = plain.write(m, version);
      } catch (Iso18626CodecException e) {
        refused++;
        assertNotNull(e.getMessage());
        continue;
      }
      written++;
      try {
        Iso18626Codec.validate(xml, version);
      } catch (Iso18626CodecException e) {
        String key = Iso18626Codec.elementName(m) + ": " + e.getMessage().replaceAll("line \\d+: ", "")
            .replaceAll("cvc-datatype-valid.1.2.1: '[^']*'", "cvc-datatype-valid.1.2.1: '…'")
            .replaceAll("Value '[^']*'", "Value '…'");
        invalid.merge(key, 1, Integer::sum);
        examples.putIfAbsent(key, "case " + i);
      }
    }
    assertTrue(invalid.isEmpty(), () -> invalid.size() + " kinds of invalid output, e.g.\n"
        + String.join("\n", invalid.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey() + " (" + examples.get(e.getKey()) + ")").toList()));
    // Not vacuous: most generated messages are complete enough to be written.
    assertTrue(written > CASES / 5, written + " written, " + refused + " refused");
    assertTrue(refused > 0, "some generated messages lack required elements and must be refused");
    assertTrue(generator.seen.containsAll(generator.reachable()), "every record type was generated: " + generator.seen);
  }

  /** Random records for the model, by reflection over record components. */
  static final class Generator {
    SplittableRandom random;
    final java.util.Set<Class<?>> seen = new java.util.HashSet<>();

    <T extends Iso18626Message> T message(Class<T> type) {
      return type.cast(record(type, 0));
    }

    Object record(Class<?> type, int depth) {
      seen.add(type);
      RecordComponent[] components = type.getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = value(components[i].getType(), components[i].getGenericType(), depth + 1, true);
      }
      try {
        Constructor<?> c = type.getDeclaredConstructor(types);
        return c.newInstance(values);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(type + ": " + e, e);
      }
    }

    Object value(Class<?> type, Type generic, int depth, boolean nullable) {
      if (type == List.class) {
        Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
        int n = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(3);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          list.add(value(element, element, depth, false));
        }
        return list;
      }
      // Left out now and then; more often deeper down (optional detail).
      if (nullable && random.nextInt(100) < (depth <= 1 ? 3 : 8)) {
        return null;
      }
      if (type == String.class) {
        return random.nextInt(10) < 7 ? TEXTS[random.nextInt(TEXTS.length)] : "t" + random.nextInt(1000);
      } else if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        return constants[random.nextInt(constants.length)];
      } else if (type == OffsetDateTime.class) {
        long seconds = random.nextLong(-2_000_000_000L, 4_000_000_000L);
        int nanos = random.nextBoolean() ? 0 : random.nextInt(1_000_000_000);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 15 * 60);
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset);
      } else if (type == BigDecimal.class) {
        return BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), random.nextInt(-3, 6));
      } else if (type == Integer.class) {
        return random.nextInt(-5, 100);
      } else if (type == Boolean.class) {
        return random.nextBoolean();
      } else if (type.isRecord()) {
        return record(type, depth);
      }
      throw new AssertionError("the generator does not know " + type);
    }

    /** Every record type reachable from the six messages. */
    java.util.Set<Class<?>> reachable() {
      java.util.Set<Class<?>> all = new java.util.HashSet<>();
      java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(MESSAGES);
      while (!todo.isEmpty()) {
        Class<?> c = todo.pop();
        if (all.add(c)) {
          for (RecordComponent rc : c.getRecordComponents()) {
            Class<?> t = rc.getType() == List.class
                ? (Class<?>) ((ParameterizedType) rc.getGenericType()).getActualTypeArguments()[0] : rc.getType();
            if (t.isRecord()) {
              todo.push(t);
            }
          }
        }
      }
      return all;
    }
  }
}
