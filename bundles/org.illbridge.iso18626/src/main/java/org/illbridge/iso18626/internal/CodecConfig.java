package org.illbridge.iso18626.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the ISO 18626 codec and endpoint (PID org.illbridge.iso18626). */
@ObjectClassDefinition(name = "ILL Bridge ISO 18626", description = "XML codec, HTTP endpoint and HTTP client for ISO 18626 partners.")
public @interface CodecConfig {

  String PID = "org.illbridge.iso18626";

  @AttributeDefinition(name = "Strict when the sender is unknown",
      description = "Parse strictly when no partner is known yet. Known partners use their own strict/lenient setting.")
  boolean strictWhenUnknown() default true;

  @AttributeDefinition(name = "Validate against the XSD", description = "Also check every inbound message against the bundled schema.")
  boolean validate() default false;

  @AttributeDefinition(name = "Validate outbound messages against the XSD",
      description = "A second check of every message the bridge writes. The writer already refuses what the schema would "
          + "refuse (missing required elements, codes of the other revision, values outside their type), so this only "
          + "costs time; turn it on while investigating a partner's complaint.")
  boolean validateOutbound() default false;

  @AttributeDefinition(name = "Largest message (bytes)")
  int maxBytes() default 1 << 20;

  @AttributeDefinition(name = "Deepest element nesting")
  int maxDepth() default 64;

  @AttributeDefinition(name = "Schema for outbound messages", description = "1.2 (ISO 18626:2017) or 2021-2, unless the message says otherwise.")
  String outboundVersion() default "1.2";

  @AttributeDefinition(name = "HTTP connect timeout (seconds)")
  int connectTimeoutSeconds() default 10;

  @AttributeDefinition(name = "HTTP request timeout (seconds)")
  int requestTimeoutSeconds() default 30;

  @AttributeDefinition(name = "Accept partners without inbound authentication",
      description = "Only for closed test networks: accept a directory partner whose entry has no allowed addresses, "
          + "HTTP Basic or shared secret, instead of refusing it.")
  boolean acceptUnauthenticated() default false;

  @AttributeDefinition(name = "Partners (authentication, deprecated)",
      description = "Deprecated: give each partner's file allowedAddresses / basicUser / sharedSecretHash instead. "
          + "Used only for a sender the partner directory does not know or whose entry has no check. One line per partner: AGENCY_ID[,AGENCY_ID...]|key=K|addresses=CIDR[,CIDR]|basic=USER:SHA256HEX|secret=HEADER:SHA256HEX|strict=true. "
          + "Every given check must pass; at least one check is required.")
  String[] partners() default {};

  @AttributeDefinition(name = "Shared secret header",
      description = "HTTP header that carries a partner's shared secret (checked against the partner's sharedSecretHash).")
  String sharedSecretHeader() default "X-ILL-Secret";

  @AttributeDefinition(name = "Review requests from unknown agencies",
      description = "A Request from an agency that is not in the partner directory goes to the engine's review queue "
          + "(seed 002). Off: it is refused. Other messages from unknown agencies are always refused.")
  boolean reviewUnknownRequesters() default true;
}
