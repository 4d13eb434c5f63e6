package org.illbridge.simulator.internal;

import java.io.IOException;

/** A running simulated partner. */
public interface SimulatedPartner extends AutoCloseable {

  /** Binds its listener and starts answering. */
  void start() throws IOException;

  /** The port it listens on (after {@link #start()}). */
  int port();

  /** What it received and did. */
  Journal journal();

  /** Stops listening and drops answers not yet sent. */
  @Override
  void close();
}
