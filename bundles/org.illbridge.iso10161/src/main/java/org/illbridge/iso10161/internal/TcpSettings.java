package org.illbridge.iso10161.internal;

/** Plain-value form of {@link TcpConfig}, so the server can run outside OSGi (tests, CLI). */
public record TcpSettings(
    int port,
    String bindAddress,
    int maxApduSize,
    int readTimeoutMillis,
    int idleTimeoutMillis,
    int maxConnections,
    int connectTimeoutMillis,
    int outboundConnections,
    int outboundIdleMillis) {

  public TcpSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxApduSize < 64 || readTimeoutMillis <= 0 || idleTimeoutMillis <= 0
        || maxConnections <= 0 || connectTimeoutMillis <= 0 || outboundConnections <= 0
        || outboundIdleMillis <= 0) {
      throw new IllegalArgumentException("TCP settings out of range");
    }
  }

  /** Listener settings with the outbound defaults (8 connections per partner, 30 s idle). */
  public TcpSettings(int port, String bindAddress, int maxApduSize, int readTimeoutMillis,
      int idleTimeoutMillis, int maxConnections, int connectTimeoutMillis) {
    this(port, bindAddress, maxApduSize, readTimeoutMillis, idleTimeoutMillis, maxConnections,
        connectTimeoutMillis, 8, 30_000);
  }

  public static TcpSettings of(TcpConfig c) {
    return new TcpSettings(c.port(), c.bindAddress(), c.maxApduSize(),
        c.readTimeoutSeconds() * 1000, c.idleTimeoutSeconds() * 1000, c.maxConnections(),
        c.connectTimeoutSeconds() * 1000, c.outboundConnections(), c.outboundIdleSeconds() * 1000);
  }
}
