#!/usr/bin/env python3
"""Writes the two ISO 18626 schemas the codec validates against, from one compact description
of the message structures (written for this project from the ISO 18626:2017 and :2021 data
dictionaries). Run from the bundle folder:  python3 src/build/gen_xsd.py
Element names, order, cardinality and code lists follow the published schemas 1.2 and 2021-2;
layout differs (named complex types, local elements)."""
import sys

NS = "http://illtransactions.org/2013/iso18626"

ENUMS = {
  "Action": {"2017": "StatusRequest Received Cancel Renew ShippedReturn ShippedForward Notification",
             "2021": "StatusRequest Received Cancel Renew HoldReturn ShippedReturn ShippedForward Notification Lost"},
  "ErrorType": "UnsupportedActionType UnsupportedReasonForMessageType UnrecognisedDataElement UnrecognisedDataValue BadlyFormedMessage",
  "MessageStatus": "OK ERROR",
  "PreferredEdition": "MostRecentEdition ThisEdition AnyEdition",
  "ReasonForMessage": "RequestResponse StatusRequestResponse RenewResponse CancelResponse StatusChange Notification",
  "RequestType": "New Retry Reminder",
  "RequestSubType": "BookingRequest MultipleItemRequest PatronRequest TransferRequest SupplyingLibrarysChoice",
  "ServiceType": "Copy Loan CopyOrLoan",
  "Status": {"2017": "RequestReceived ExpectToSupply WillSupply Loaned Overdue Recalled RetryPossible Unfilled CopyCompleted LoanCompleted CompletedWithoutReturn Cancelled",
             "2021": "RequestReceived ExpectToSupply WillSupply Loaned Overdue Recalled RetryPossible Unfilled HoldReturn ReleaseHoldReturn CopyCompleted LoanCompleted CompletedWithoutReturn Cancelled"},
  "YesNo": "Y N",
}

# field spec: "name type [min] [max]"; '?' = 0..1, '*' = 0..n, '' = 1..1, '3' = 0..3; versions prefixed "17:" or "21:"
STRUCTS = {
 "ISO18626Message": None,  # special
 "Request": ["17:header Header", "21:header RequestHeader", "bibliographicInfo BibliographicInfo",
             "publicationInfo PublicationInfo ?", "17:serviceInfo ServiceInfo ?", "21:serviceInfo ServiceInfo",
             "supplierInfo SupplierInfo *", "requestedDeliveryInfo RequestedDeliveryInfo *",
             "requestingAgencyInfo RequestingAgencyInfo ?", "patronInfo PatronInfo ?", "billingInfo BillingInfo ?"],
 "RequestConfirmation": ["confirmationHeader ConfirmationHeader", "17:errorData ErrorData ?", "21:errorData ErrorData *"],
 "SupplyingAgencyMessage": ["17:header Header", "21:header SupplyingAgencyMessageHeader", "messageInfo MessageInfo",
             "statusInfo StatusInfo", "21:retryInfo RetryInfo ?", "deliveryInfo DeliveryInfo ?",
             "21:shippingInfo ShippingInfo ?", "returnInfo ReturnInfo ?"],
 "SupplyingAgencyMessageConfirmation": ["confirmationHeader ConfirmationHeader", "reasonForMessage ReasonForMessage ?",
             "17:errorData ErrorData ?", "21:errorData ErrorData *"],
 "RequestingAgencyMessage": ["17:header Header", "21:header RequestingAgencyMessageHeader", "action Action", "note string ?"],
 "RequestingAgencyMessageConfirmation": ["confirmationHeader ConfirmationHeader", "action Action ?",
             "17:errorData ErrorData ?", "21:errorData ErrorData *"],
 "Header": ["supplyingAgencyId AgencyId", "requestingAgencyId AgencyId", "multipleItemRequestId string",
            "timestamp dateTime", "requestingAgencyRequestId string", "supplyingAgencyRequestId string ?",
            "requestingAgencyAuthentication RequestingAgencyAuthentication ?"],
 "RequestHeader": ["supplyingAgencyId AgencyId ?", "requestingAgencyId AgencyId", "consortialId AgencyId ?",
            "multipleItemRequestId string ?", "timestamp dateTime", "requestingAgencyRequestId string",
            "requestingAgencyAuthentication RequestingAgencyAuthentication ?"],
 "SupplyingAgencyMessageHeader": ["supplyingAgencyId AgencyId", "requestingAgencyId AgencyId", "timestamp dateTime",
            "requestingAgencyRequestId string", "supplyingAgencyRequestId string ?"],
 "RequestingAgencyMessageHeader": ["supplyingAgencyId AgencyId", "requestingAgencyId AgencyId", "consortialId AgencyId ?",
            "timestamp dateTime", "requestingAgencyRequestId string", "supplyingAgencyRequestId string ?",
            "requestingAgencyAuthentication RequestingAgencyAuthentication ?"],
 "RequestingAgencyAuthentication": ["accountId string ?", "securityCode string ?"],
 "Address": "CHOICE electronicAddress ElectronicAddress|physicalAddress PhysicalAddress",
 "BibliographicItemId": ["17:bibliographicItemIdentifier string", "bibliographicItemIdentifierCode SchemeValuePair",
            "21:bibliographicItemIdentifier string"],
 "BibliographicInfo": ["supplierUniqueRecordId string ?", "title string ?", "author string ?", "21:authorId string ?",
            "subtitle string ?", "seriesTitle string ?", "edition string ?", "titleOfComponent string ?",
            "authorOfComponent string ?", "17:volume string ?", "21:volume string *", "issue string ?",
            "pagesRequested string ?", "estimatedNoPages string ?", "bibliographicItemId BibliographicItemId *",
            "sponsor string ?", "informationSource string ?", "bibliographicRecordId BibliographicRecordId *"],
 "BibliographicRecordId": ["bibliographicRecordIdentifierCode SchemeValuePair", "bibliographicRecordIdentifier string"],
 "BillingInfo": ["paymentMethod SchemeValuePair ?", "maximumCosts Costs ?", "billingMethod SchemeValuePair ?",
            "billingName string ?", "address Address ?"],
 "ConfirmationHeader": ["supplyingAgencyId AgencyId ?", "requestingAgencyId AgencyId ?", "timestamp dateTime",
            "requestingAgencyRequestId string ?", "17:multipleItemRequestId string ?", "timestampReceived dateTime",
            "messageStatus MessageStatus"],
 "DeliveryInfo": ["dateSent dateTime", "17:itemId string ?", "21:itemId string *", "21:URL string ?",
            "17:sentVia SchemeValuePair ?", "21:deliveryMethod SchemeValuePair ?", "21:address Address ?",
            "sentToPatron boolean ?", "17:loanCondition SchemeValuePair ?", "21:loanCondition SchemeValuePair *",
            "17:deliveredFormat SchemeValuePair ?", "21:itemFormat SchemeValuePair ?", "21:serviceType ServiceType ?",
            "17:deliveryCosts Costs ?", "21:deliveryCosts Costs *", "21:paymentMethod SchemeValuePair ?"],
 "ElectronicAddress": ["electronicAddressType SchemeValuePair", "electronicAddressData string"],
 "ErrorData": ["errorType ErrorType", "errorValue string ?"],
 "MessageInfo": ["reasonForMessage ReasonForMessage", "answerYesNo YesNo ?", "note string ?",
            "reasonUnfilled SchemeValuePair ?", "reasonRetry SchemeValuePair ?", "17:offeredCosts Costs ?",
            "17:retryAfter dateTime ?", "17:retryBefore dateTime ?"],
 "PatronInfo": ["patronId string ?", "surname string ?", "givenName string ?", "patronType SchemeValuePair ?",
            "sendToPatron YesNo ?", "address Address *"],
 "PhysicalAddress": ["line1 string ?", "line2 string ?", "locality string ?", "postalCode string ?",
            "17:region SchemeValuePair ?", "21:region string ?", "country SchemeValuePair ?"],
 "PublicationInfo": ["publisher string ?", "21:publisherId string ?", "publicationType SchemeValuePair ?",
            "publicationDate string ?", "placeOfPublication string ?"],
 "RequestedDeliveryInfo": ["17:sortOrder integer ?", "21:sortOrder nonNegativeInteger ?", "address Address ?",
            "21:deliveryMethod SchemeValuePair ?", "21:courierName SchemeValuePair ?"],
 "RequestingAgencyInfo": ["name string ?", "contactName string ?", "address Address *"],
 "RetryInfo": ["loanCondition SchemeValuePair *", "edition string *", "itemFormat SchemeValuePair *", "volume string *",
            "serviceType ServiceType ?", "serviceLevel SchemeValuePair *", "deliveryMethod SchemeValuePair *",
            "courierName SchemeValuePair *", "offeredCosts Costs *", "paymentMethod SchemeValuePair *",
            "retryBefore dateTime ?", "retryAfter dateTime ?"],
 "ReturnInfo": ["returnAgencyId AgencyId ?", "name string ?", "physicalAddress PhysicalAddress ?"],
 "ServiceInfo": ["requestType RequestType ?", "17:requestSubType RequestSubType 3", "21:requestSubType RequestSubType *",
            "requestingAgencyPreviousRequestId string ?", "serviceType ServiceType", "serviceLevel SchemeValuePair ?",
            "17:preferredFormat SchemeValuePair ?", "21:itemFormat SchemeValuePair ?", "needBeforeDate dateTime ?",
            "copyrightCompliance SchemeValuePair ?", "anyEdition YesNo ?", "21:preferredEdition PreferredEdition ?",
            "21:loanCondition SchemeValuePair *", "startDate dateTime ?", "endDate dateTime ?", "note string ?"],
 "ShippingInfo": ["courierName SchemeValuePair ?", "trackingId string *", "insurance YesNo ?",
            "insuranceThirdParty YesNo ?", "thirdPartyName string ?", "insuranceCosts Costs *"],
 "StatusInfo": ["status Status", "expectedDeliveryDate dateTime ?", "dueDate dateTime ?", "lastChange dateTime"],
 "SupplierInfo": ["17:sortOrder integer ?", "21:sortOrder nonNegativeInteger ?", "supplierCode AgencyId ?",
            "supplierDescription string ?", "bibliographicRecordId BibliographicRecordId ?", "callNumber string ?",
            "summaryHoldings string ?", "availabilityNote string ?"],
 "AgencyId": ["agencyIdType SchemeValuePair", "agencyIdValue string"],
 "Costs": ["currencyCode SchemeValuePair", "monetaryValue decimal"],
}
BUILTIN = {"string", "dateTime", "boolean", "decimal", "integer", "nonNegativeInteger"}
MESSAGES = ["request", "requestConfirmation", "supplyingAgencyMessage", "supplyingAgencyMessageConfirmation",
            "requestingAgencyMessage", "requestingAgencyMessageConfirmation"]

def tref(t):
    return "xs:" + t if t in BUILTIN else "t" + t

def occurs(card):
    return {"": "", "?": ' minOccurs="0"', "*": ' minOccurs="0" maxOccurs="unbounded"', "3": ' minOccurs="0" maxOccurs="3"'}[card]

def generate(ver, label):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<!-- ISO 18626 schema {label} for ILL Bridge validation. Generated by src/build/gen_xsd.py; do not edit. -->',
           f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="{NS}" targetNamespace="{NS}"',
           '           elementFormDefault="qualified" attributeFormDefault="qualified">',
           '  <xs:element name="ISO18626Message">', '    <xs:complexType>', '      <xs:choice>']
    for m in MESSAGES:
        out.append(f'        <xs:element name="{m}" type="t{m[0].upper() + m[1:]}"/>')
    out += ['      </xs:choice>', '      <xs:attribute name="version" type="xs:string" use="required"/>',
            '    </xs:complexType>', '  </xs:element>']
    for name, fields in STRUCTS.items():
        if fields is None:
            continue
        if ver == "17" and name in ("RequestHeader", "SupplyingAgencyMessageHeader", "RequestingAgencyMessageHeader",
                                    "RetryInfo", "ShippingInfo"):
            continue
        if ver == "21" and name == "Header":
            continue
        out.append(f'  <xs:complexType name="t{name}">')
        if isinstance(fields, str):
            out.append('    <xs:choice>')
            for alt in fields.split(" ", 1)[1].split("|"):
                n, t = alt.split()
                out.append(f'      <xs:element name="{n}" type="{tref(t)}"/>')
            out.append('    </xs:choice>')
        else:
            out.append('    <xs:sequence>')
            for f in fields:
                only = None
                if f[:3] in ("17:", "21:"):
                    only, f = f[:2], f[3:]
                if only and only != ver:
                    continue
                parts = f.split()
                n, t, card = parts[0], parts[1], (parts[2] if len(parts) > 2 else "")
                out.append(f'      <xs:element name="{n}" type="{tref(t)}"{occurs(card)}/>')
            out.append('    </xs:sequence>')
        out.append('  </xs:complexType>')
    out += ['  <xs:complexType name="tSchemeValuePair">', '    <xs:simpleContent>',
            '      <xs:extension base="xs:string">', '        <xs:attribute name="scheme" type="xs:anyURI"/>',
            '      </xs:extension>', '    </xs:simpleContent>', '  </xs:complexType>']
    for name, values in ENUMS.items():
        if name == "PreferredEdition" and ver == "17":
            continue
        if isinstance(values, dict):
            values = values["20" + ver]
        out += [f'  <xs:simpleType name="t{name}">', '    <xs:restriction base="xs:string">']
        out += [f'      <xs:enumeration value="{v}"/>' for v in values.split()]
        out += ['    </xs:restriction>', '  </xs:simpleType>']
    out.append('</xs:schema>')
    return "\n".join(out) + "\n"

base = "src/main/resources/org/illbridge/iso18626/internal/xsd/"
open(base + "iso18626-2017.xsd", "w").write(generate("17", "2017 (XSD version 1.2)"))
open(base + "iso18626-2021.xsd", "w").write(generate("21", "2021 (XSD version 2021-2)"))
