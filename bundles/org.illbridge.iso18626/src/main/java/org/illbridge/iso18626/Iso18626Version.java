package org.illbridge.iso18626;

/**
 * The schema revisions the codec reads and writes. Both use the same XML namespace; the root
 * element's {@code version} attribute tells them apart.
 */
public enum Iso18626Version {
  /** ISO 18626:2017, XSD version 1.2. */
  V2017("1.2", "/org/illbridge/iso18626/internal/xsd/iso18626-2017.xsd"),
  /** ISO 18626:2021, XSD version 2021-2. */
  V2021("2021-2", "/org/illbridge/iso18626/internal/xsd/iso18626-2021.xsd");

  /** The namespace of every ISO 18626 element (2014, 2017 and 2021 alike). */
  public static final String NAMESPACE = "http://illtransactions.org/2013/iso18626";

  private final String versionAttribute;
  private final String schemaResource;

  Iso18626Version(String versionAttribute, String schemaResource) {
    this.versionAttribute = versionAttribute;
    this.schemaResource = schemaResource;
  }

  /** The value written to the root's {@code version} attribute. */
  public String versionAttribute() {
    return versionAttribute;
  }

  /** Absolute classpath resource of the bundled schema (inside the bundle, not exported). */
  public String schemaResource() {
    return schemaResource;
  }

  /**
   * Maps a {@code version} attribute to a revision: "1.0", "1.1", "1.2" (and the 2014 schema's
   * unlabelled forms) are 2017; "1.3" and anything starting with "2021" are 2021. Returns null
   * for anything else.
   */
  public static Iso18626Version fromAttribute(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.equals("1.0") || v.equals("1.1") || v.equals("1.2") || v.equals("2017")) {
      return V2017;
    }
    if (v.equals("1.3") || v.startsWith("2021")) {
      return V2021;
    }
    return null;
  }
}
