package org.illbridge.api.model;

/** The wire protocols a partner can speak. */
public enum Protocol {
  /** ISO 10160/10161 ILL protocol version 2, BER-encoded APDUs. */
  ISO10161,
  /** ISO 18626 XML messages over HTTP. */
  ISO18626,
  /** The bridge's own REST/JSON API (the home ILL system). */
  REST
}
