package org.illbridge.iso10161.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the ISO 10161 TCP listener and connector (PID {@value #PID}). */
@ObjectClassDefinition(name = "ILL Bridge ISO 10161 TCP",
    description = "Listener and outbound connector for ISO 10161 APDUs over TCP (BER, one TLV per APDU)")
public @interface TcpConfig {
  String PID = "org.illbridge.iso10161.tcp";

  @AttributeDefinition(name = "Listen", description = "Accept inbound connections")
  boolean enabled() default true;

  @AttributeDefinition(name = "Port",
      description = "TCP port. 499 is the IANA iso-ill port but needs root; 4999 by default")
  int port() default 4999;

  @AttributeDefinition(name = "Bind address",
      description = "Interface to listen on. 127.0.0.1 by default: set 0.0.0.0 (or one address)"
          + " deliberately when partners must reach the bridge")
  String bindAddress() default "127.0.0.1";

  @AttributeDefinition(name = "Maximum APDU size (bytes)")
  int maxApduSize() default 1048576;

  @AttributeDefinition(name = "Read timeout (s)",
      description = "Longest time for the rest of an APDU once its first byte has arrived")
  int readTimeoutSeconds() default 30;

  @AttributeDefinition(name = "Idle timeout (s)",
      description = "A connection with no APDU in progress is closed after this")
  int idleTimeoutSeconds() default 120;

  @AttributeDefinition(name = "Maximum connections",
      description = "Connections beyond this are closed at once")
  int maxConnections() default 32;

  @AttributeDefinition(name = "Connect timeout (s)", description = "Outbound connections")
  int connectTimeoutSeconds() default 10;

  @AttributeDefinition(name = "Outbound connections per partner",
      description = "Connections kept open to one partner endpoint and reused for later APDUs;"
          + " a send waits (up to the connect timeout) when all are busy")
  int outboundConnections() default 8;

  @AttributeDefinition(name = "Outbound idle timeout (s)",
      description = "An outbound connection unused this long is closed (keep it below the"
          + " partners' own idle timeout)")
  int outboundIdleSeconds() default 30;
}
