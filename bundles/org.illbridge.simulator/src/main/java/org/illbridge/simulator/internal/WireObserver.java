package org.illbridge.simulator.internal;

/**
 * Sees every message that crosses between a simulated partner and the bridge, as raw bytes, with
 * the {@link System#nanoTime()} of the crossing (set with {@link PartnerRuntime#observe}). It is
 * for measuring: the load generator times each hop with it instead of relaying the traffic through
 * a tap, which cost a second loopback hop and its CPU per message. Called on the partner's own
 * threads, so it must be quick; what it throws is logged and otherwise ignored.
 */
public interface WireObserver {

  /**
   * One whole message from the bridge (ISO 18626 POST body, ISO 10161 APDU), as soon as its last
   * byte has been read and before the partner looks at it (also when it turns out unreadable).
   */
  void fromBridge(byte[] message, long nanos);

  /**
   * One message right before it is sent to the bridge: each attempt, the garbled bytes when the
   * behaviour garbles it, never a message the behaviour loses.
   */
  void toBridge(byte[] message, long nanos);
}
