package org.illbridge.simulator.internal;

/** Which real-world partner a simulated partner behaves like. */
public enum PartnerKind {
  /** Relais (seed 000): ISO 10161 over TCP; never sends Shipped; ignores a request number seen before. */
  RELAIS,
  /** VDX (seed 000): standard ISO 10161 over TCP: Will-Supply, Shipped, Checked-In, or Unfilled. */
  VDX,
  /** Alma (seed 001) over TCP: Shipped or Unfilled only, APDU-Delivery-Info on everything it sends. */
  ALMA_TCP,
  /** Alma (seed 001) taking BER APDUs by HTTP POST at {@code /view/iso-ill}. */
  ALMA_HTTP,
  /** OCLC (seed 002): refuses incomplete requests, never Will-Supply or Conditional, Shipped when filled. */
  OCLC,
  /** A generic ISO 18626 supplying agency over HTTP. */
  ISO18626,
  /**
   * Alma (seed 001) over ISO 18626 ("As of the July 2019 release, Alma supports the ISO workflow
   * also via the ISO 18626 protocol"), keeping its lender profile: Loaned or Unfilled as the
   * answer to a request, never Will-Supply.
   */
  ALMA_ISO18626;

  /** True for the kinds that speak ISO 10161. */
  public boolean iso10161() {
    return this != ISO18626 && this != ALMA_ISO18626;
  }
}
