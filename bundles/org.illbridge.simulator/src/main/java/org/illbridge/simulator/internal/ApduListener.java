package org.illbridge.simulator.internal;

import java.io.IOException;

/** Where a simulated ISO 10161 lender takes APDUs: TCP or HTTP POST. */
interface ApduListener {

  /** Handles one APDU's bytes; false when they could not be decoded. */
  interface Handler {
    boolean onApdu(byte[] raw);
  }

  void start() throws IOException;

  int port();

  /** host:port (and path), for logs and the APDU-Delivery-Info extension. */
  String describe();

  void close();
}
