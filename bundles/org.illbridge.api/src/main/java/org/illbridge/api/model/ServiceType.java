package org.illbridge.api.model;

/** What the requester asks for (ISO 10161 ILL-Service-Type, ISO 18626 ServiceType). */
public enum ServiceType {
  LOAN,
  COPY,
  COPY_OR_LOAN,
  LOCATIONS,
  ESTIMATE,
  RESPONDER_SPECIFIC
}
