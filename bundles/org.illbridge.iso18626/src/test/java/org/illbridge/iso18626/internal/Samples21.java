package org.illbridge.iso18626.internal;

import java.time.OffsetDateTime;
import org.illbridge.iso18626.*;

/** Small valid messages for endpoint tests. */
final class Samples21 {
  private Samples21() {}

  static final OffsetDateTime T0 = OffsetDateTime.parse("2024-03-01T10:15:30Z");

  static AgencyIdentifier isil(String v) {
    return new AgencyIdentifier(new SchemeValue("ISIL", null), v);
  }

  static Header header(Iso18626Version v) {
    return new Header(isil("AU-VMOU"), isil("CA-AEU"), null, v == Iso18626Version.V2017 ? "" : null, T0, "XYZ123",
        null, null);
  }

  static Request request(Iso18626Version v) {
    BibliographicInfo bib = new BibliographicInfo(null, "Moby Dick", null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
    ServiceInfo si = new ServiceInfo(RequestType.NEW, null, null, ServiceType.LOAN, null, null, null, null, null, null,
        null, null, null, null);
    return new Request(header(v), bib, null, si, null, null, null, null, null);
  }
}
