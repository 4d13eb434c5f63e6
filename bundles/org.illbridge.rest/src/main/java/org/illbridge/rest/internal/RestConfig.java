package org.illbridge.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the home-system interface (PID {@value #PID}; form in the console, or {@code
 * conf/org.illbridge.rest.cfg}). Shared by the API servlet, the REST codec and the webhook
 * transport: there is one home system.
 *
 * <p>The key hashes and the webhook secret are private properties ({@code .apiKeys}, {@code
 * .webhookSecret}: the leading underscore of the method name maps to a dot), so Declarative
 * Services does not copy them into the public service properties that any bundle or the web
 * console's service list can read.
 */
@ObjectClassDefinition(name = "ILL Bridge REST API",
    description = "The home ILL system's interface: API keys, webhook secret and limits.")
public @interface RestConfig {

  String PID = "org.illbridge.rest";

  @AttributeDefinition(name = "Home partner key",
      description = "Partner key of the home ILL system in the partner directory (protocol REST). "
          + "Must match the engine's homePartnerKey.")
  String homePartnerKey() default "home";

  @AttributeDefinition(name = "API key hashes",
      description = "One entry per client: <label>:<SHA-256 of the key, 64 hex digits>, for example "
          + "frontdesk:9f86d0... Make the hash with: printf '%s' 'the-key' | sha256sum. "
          + "Plain keys are never stored. No entry: the API refuses every call.")
  String[] _apiKeys() default {};

  @AttributeDefinition(name = "Webhook secret", type = AttributeType.PASSWORD,
      description = "Shared secret for the HMAC-SHA256 signature (X-IllBridge-Signature) on every "
          + "webhook to the home system. Empty: the webhook transport is not offered and messages "
          + "to the home system are held.")
  String _webhookSecret() default "";

  @AttributeDefinition(name = "Webhook connect timeout (seconds)", min = "1")
  int webhookConnectTimeoutSeconds() default 10;

  @AttributeDefinition(name = "Webhook request timeout (seconds)", min = "1")
  int webhookRequestTimeoutSeconds() default 30;

  @AttributeDefinition(name = "Maximum request body (bytes)",
      description = "Larger API request bodies are refused with 413 while being read.", min = "1024")
  int maxBodyBytes() default 1 << 20;

  @AttributeDefinition(name = "Webhook label language",
      description = "Language of the human-readable labels in webhook bodies (en or fr).")
  String webhookLanguage() default "en";
}
