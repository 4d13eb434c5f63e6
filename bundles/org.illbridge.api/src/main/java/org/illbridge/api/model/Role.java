package org.illbridge.api.model;

/** The side of a transaction an agency is on. */
public enum Role {
  /** Borrowing library (ISO 10161 requester, ISO 18626 requesting agency). */
  REQUESTER,
  /** Lending library (ISO 10161 responder, ISO 18626 supplying agency). */
  SUPPLIER
}
