package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {

  private final Iso18626Codec strict = new Iso18626Codec(Iso18626Codec.Options.strictDefaults().withValidate(true));

  static List<Arguments> messages() {
    List<Arguments> args = new ArrayList<>();
    for (Iso18626Version v : Iso18626Version.values()) {
      for (Iso18626Message m : Samples.all(v)) {
        args.add(Arguments.of(v, Iso18626Codec.elementName(m), m));
      }
    }
    return args;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("messages")
  void everyMessageRoundTripsAndIsSchemaValid(Iso18626Version version, String name, Iso18626Message message)
      throws Exception {
    byte[] xml = strict.write(message, version); // validates against the bundled XSD
    Iso18626Document doc = strict.read(xml);
    assertEquals(version, doc.version());
    assertEquals(message, doc.message());
    assertEquals(List.of(), doc.warnings());
    assertTrue(new String(xml, StandardCharsets.UTF_8).contains("ill:version=\"" + version.versionAttribute() + "\""));
  }

  /**
   * Cross-check with the published XSDs when a copy is at hand (set ISO18626_OFFICIAL_XSD_DIR to a
   * folder with ISO-18626-v1_2.xsd and ISO-18626-2021-2.xsd); skipped otherwise.
   */
  @ParameterizedTest(name = "official XSD {0} {1}")
  @MethodSource("messages")
  void outputIsValidAgainstThePublishedSchemas(Iso18626Version version, String name, Iso18626Message message)
      throws Exception {
    String dir = System.getenv().getOrDefault("ISO18626_OFFICIAL_XSD_DIR", "/tmp/xsd");
    Path xsd = Path.of(dir, version == Iso18626Version.V2017 ? "ISO-18626-v1_2.xsd" : "ISO-18626-2021-2.xsd");
    Assumptions.assumeTrue(Files.isReadable(xsd), "no published XSD at " + xsd);
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    byte[] xml = strict.write(message, version);
    f.newSchema(xsd.toFile()).newValidator().validate(new StreamSource(new java.io.ByteArrayInputStream(xml)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void versionIsDetectedFromTheVersionAttribute(Iso18626Version version) throws Exception {
    byte[] xml = strict.write(Samples.fullRequestingAgencyMessage(version), version);
    assertEquals(version, strict.read(xml).version());
  }

  static List<Iso18626Version> versions() {
    return List.of(Iso18626Version.values());
  }
}
