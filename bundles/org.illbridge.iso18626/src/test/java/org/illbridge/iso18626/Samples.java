package org.illbridge.iso18626;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/** Fully populated messages for both schema revisions: every element the revision has is filled. */
final class Samples {
  private Samples() {}

  static final OffsetDateTime T0 = OffsetDateTime.parse("2024-03-01T10:15:30Z");
  static final OffsetDateTime T1 = OffsetDateTime.parse("2024-03-02T08:00:00-06:00");

  static SchemeValue sv(String v) {
    return new SchemeValue(v, null);
  }

  static AgencyIdentifier isil(String value) {
    return new AgencyIdentifier(new SchemeValue("ISIL", "http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.1"), value);
  }

  static boolean v21(Iso18626Version v) {
    return v == Iso18626Version.V2021;
  }

  static Header header(Iso18626Version v, boolean withSupplierId, boolean request, boolean supplying) {
    return new Header(isil("AU-VMOU"), isil("CA-AEU"),
        v21(v) && !supplying ? isil("CA-CONSORT") : null,
        v21(v) && !request ? null : "MULTI-1",
        T0, "XYZ123", withSupplierId && !(v21(v) && request) ? "ABC-77" : null,
        v21(v) && supplying ? null : new RequestingAgencyAuthentication("acct", "secret"));
  }

  static Address postal(Iso18626Version v) {
    return new Address(null, new PhysicalAddress("1 Library Road", "Floor 2", "Edmonton", "T6G 2J8",
        v21(v) ? sv("AB") : new SchemeValue("AB", "urn:iso:3166-2"), sv("CA")));
  }

  static Address email() {
    return new Address(new ElectronicAddress(sv("Email"), "ill@example.org"), null);
  }

  static Request fullRequest(Iso18626Version v) {
    BibliographicInfo bib = new BibliographicInfo("rec-1", "The Title", "An Author", v21(v) ? "0000000121032683" : null,
        "A Subtitle", "Series", "2nd ed.", "Chapter 3", "Chapter Author",
        v21(v) ? List.of("12", "13") : List.of("12"), "4", "10-20", "11",
        List.of(new BibliographicItemId("9780000000002", sv("ISBN")), new BibliographicItemId("1234-5679", sv("ISSN"))),
        "Sponsor", "WorldCat",
        List.of(new BibliographicRecordId(sv("OCLC"), "12345678"), new BibliographicRecordId(sv("LCCN"), "2001012345")));
    PublicationInfo pub = new PublicationInfo("Publisher", v21(v) ? "0000000403953240" : null, sv("Book"), "1999", "Paris");
    ServiceInfo service = new ServiceInfo(RequestType.NEW, List.of(RequestSubType.PATRON_REQUEST), "XYZ100",
        ServiceType.LOAN, sv("Normal"), sv("Printed"), T1, sv("US-CCG"), YesNo.Y,
        v21(v) ? PreferredEdition.ANY_EDITION : null, v21(v) ? List.of(sv("LibraryUseOnly")) : List.of(), T0, T1, "please");
    List<SupplierInfo> suppliers = List.of(new SupplierInfo(1, isil("AU-VMOU"), "Monash",
        new BibliographicRecordId(sv("OCLC"), "12345678"), "QA76", "v.1-20", "on shelf"));
    List<RequestedDeliveryInfo> deliveries = List.of(
        new RequestedDeliveryInfo(1, postal(v), v21(v) ? sv("Mail") : null, v21(v) ? sv("FedEx") : null),
        new RequestedDeliveryInfo(2, email(), null, null));
    return new Request(header(v, false, true, false), bib, pub, service, suppliers, deliveries,
        new RequestingAgencyInfo("University of Alberta", "ILL Desk", List.of(email(), postal(v))),
        new PatronInfo("P-1", "Doe", "Jane", sv("Faculty"), YesNo.N, List.of(email())),
        new BillingInfo(sv("Account"), new Costs(sv("USD"), new BigDecimal("25.00")), sv("Invoice"), "Accounts", postal(v)));
  }

  static SupplyingAgencyMessage fullSupplyingAgencyMessage(Iso18626Version v) {
    RetryInfo retry = v21(v)
        ? new RetryInfo(List.of(sv("LibraryUseOnly")), List.of("3rd"), List.of(sv("PDF")), List.of("7"), ServiceType.COPY,
            List.of(sv("Rush")), List.of(sv("Email")), List.of(sv("DHL")), List.of(new Costs(sv("USD"), new BigDecimal("35"))),
            List.of(sv("CreditCard")), T1, T0)
        : new RetryInfo(null, null, null, null, null, null, null, null,
            List.of(new Costs(sv("USD"), new BigDecimal("35"))), null, T1, T0);
    DeliveryInfo delivery = new DeliveryInfo(T0, v21(v) ? List.of("BC-1", "BC-2") : List.of("BC-1"),
        v21(v) ? "https://example.org/item" : null, sv("Mail"), v21(v) ? postal(v) : null, Boolean.FALSE,
        List.of(sv("NoReproduction")), sv("Printed"), v21(v) ? ServiceType.LOAN : null,
        List.of(new Costs(sv("EUR"), new BigDecimal("4.50"))), v21(v) ? sv("Invoice") : null);
    ShippingInfo shipping = v21(v) ? new ShippingInfo(sv("DHL"), List.of("TRK1"), YesNo.Y, YesNo.N, "Insurer",
        List.of(new Costs(sv("EUR"), new BigDecimal("2")))) : null;
    return new SupplyingAgencyMessage(header(v, true, false, true),
        new MessageInfo(ReasonForMessage.REQUEST_RESPONSE, YesNo.Y, "note", sv("NotOnShelf"), sv("CostExceedsMaxCost")),
        new StatusInfo(Status.LOANED, T0, T1, T0), retry, delivery, shipping,
        new ReturnInfo(isil("AU-VMOU"), "Monash ILL", postal(v).physicalAddress()));
  }

  static RequestingAgencyMessage fullRequestingAgencyMessage(Iso18626Version v) {
    return new RequestingAgencyMessage(header(v, true, false, false), Action.SHIPPED_RETURN, "returned today");
  }

  static ConfirmationHeader confirmationHeader(Iso18626Version v, MessageStatus status) {
    return new ConfirmationHeader(isil("AU-VMOU"), isil("CA-AEU"), T0, "XYZ123", v21(v) ? null : "MULTI-1", T1, status);
  }

  static List<Iso18626Message> all(Iso18626Version v) {
    List<ErrorData> errors = v21(v)
        ? List.of(new ErrorData(ErrorType.UNRECOGNISED_DATA_VALUE, "x"), new ErrorData(ErrorType.BADLY_FORMED_MESSAGE, null))
        : List.of(new ErrorData(ErrorType.UNRECOGNISED_DATA_VALUE, "x"));
    return List.of(fullRequest(v), fullSupplyingAgencyMessage(v), fullRequestingAgencyMessage(v),
        new RequestConfirmation(confirmationHeader(v, MessageStatus.ERROR), errors),
        new SupplyingAgencyMessageConfirmation(confirmationHeader(v, MessageStatus.OK), ReasonForMessage.STATUS_CHANGE, List.of()),
        new RequestingAgencyMessageConfirmation(confirmationHeader(v, MessageStatus.OK), Action.RENEW, List.of()));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
