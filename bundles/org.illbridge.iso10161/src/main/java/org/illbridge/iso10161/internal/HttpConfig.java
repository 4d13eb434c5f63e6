package org.illbridge.iso10161.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** BER over HTTP POST (PID {@value #PID}): the endpoint partners such as Alma post APDUs to. */
@ObjectClassDefinition(name = "ILL Bridge ISO 10161 over HTTP",
    description = "POST one BER-encoded ISO 10161 APDU per request")
public @interface HttpConfig {
  String PID = "org.illbridge.iso10161.http";

  @AttributeDefinition(name = "Path", description = "Servlet path of the endpoint")
  String path() default "/iso10161";

  @AttributeDefinition(name = "Allowed senders",
      description = "IP addresses allowed to post, besides the allowed addresses of the ISO 10161 partners an APDU "
          + "names (partner directory)")
  String[] allowedSenders() default {};

  @AttributeDefinition(name = "Accept any sender",
      description = "Accept posts from any address (only behind an authenticating proxy)")
  boolean acceptAnySender() default false;

  @AttributeDefinition(name = "Maximum APDU size (bytes)")
  int maxApduSize() default 1048576;

  @AttributeDefinition(name = "Outbound timeout (s)", description = "Connect and response timeout")
  int timeoutSeconds() default 30;
}
