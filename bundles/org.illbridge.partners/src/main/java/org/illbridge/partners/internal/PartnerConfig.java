package org.illbridge.partners.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One partner of the directory, kept in configuration (factory PID {@value #PID}; one file per
 * partner, {@code conf/org.illbridge.partner-<name>.cfg}, or the console's configuration page).
 *
 * <p>Lists may be given as arrays or, in a {@code .cfg} file, as one comma-separated value.
 * Secrets are never configured in clear: only their hashes.
 */
@ObjectClassDefinition(name = "ILL Bridge partner (from configuration)",
    description = "A partner-directory entry kept in configuration. Applied at every start and "
        + "change (the configuration wins over edits made elsewhere); removing the configuration "
        + "disables the partner, its history is kept.")
public @interface PartnerConfig {

  String PID = "org.illbridge.partner";

  @AttributeDefinition(name = "Key",
      description = "Stable partner key (letters, digits, '.', '_', '-'), e.g. ubc. Used in lender "
          + "lists and by the engine.")
  String key();

  @AttributeDefinition(name = "Name", description = "Human-readable name; the key when empty.",
      required = false)
  String name() default "";

  @AttributeDefinition(name = "Agency ids",
      description = "Every id the partner is known by, SCHEME:VALUE (ISIL, OCLC, NUC, OTHER), the "
          + "one used when sending first, e.g. ISIL:CA-BVAU, NUC:BVAU")
  String[] ids();

  @AttributeDefinition(name = "Protocol", description = "ISO10161, ISO18626 or REST (the home system)")
  String protocol();

  @AttributeDefinition(name = "Dialect",
      description = "Id of the partner's dialect (relais, vdx, alma, oclc, ...); standard for none",
      required = false)
  String dialect() default "standard";

  @AttributeDefinition(name = "Endpoints",
      description = "Where to send: tcp://host:port (ISO 10161), http(s)://... (ISO 18626), "
          + "webhook+https://... (home system). During an address change give both, each with "
          + "its period: uri|from=2025-03-01T00:00:00Z|until=2025-04-01T00:00:00Z",
      required = false)
  String[] endpoints() default {};

  @AttributeDefinition(name = "Days to respond",
      description = "How long a lender has before the rota moves on; 0 = the engine's default",
      min = "0", max = "365")
  int daysToRespond() default 0;

  @AttributeDefinition(name = "Blocked", description = "No request is routed to it")
  boolean blocked() default false;

  @AttributeDefinition(name = "Blocked lenders",
      description = "This library's Blocked Lenders List: keys of the partners its own requests are "
          + "never sent to (the rota skips them); other libraries may still borrow from them",
      required = false)
  String[] blockedLenders() default {};

  @AttributeDefinition(name = "Strict parsing",
      description = "Refuse non-conforming messages instead of normalising them with a warning")
  boolean strict() default false;

  @AttributeDefinition(name = "Notes allowed",
      description = "False when notes must not be sent to this partner")
  boolean notesAllowed() default true;

  @AttributeDefinition(name = "Enabled", description = "False switches the partner off")
  boolean enabled() default true;

  @AttributeDefinition(name = "Allowed source addresses",
      description = "Inbound: IP addresses or CIDR ranges the partner sends from; empty = any",
      required = false)
  String[] allowedAddresses() default {};

  @AttributeDefinition(name = "Basic-auth user", description = "Inbound HTTP basic user, or empty",
      required = false)
  String basicUser() default "";

  @AttributeDefinition(name = "Basic-auth password hash",
      description = "SHA-256 of the password as 64 hex digits (printf '%s' \"$PW\" | sha256sum), "
          + "or a pbkdf2-sha256$... string. Never the password itself.",
      required = false)
  String basicPasswordHash() default "";

  @AttributeDefinition(name = "Shared secret hash",
      description = "SHA-256 (64 hex digits) or pbkdf2-sha256$... of the shared secret. Never the "
          + "secret itself.",
      required = false)
  String sharedSecretHash() default "";
}
