package org.illbridge.simulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The simulated home ILL system: webhook receiver, REST client and demo traffic. */
@ObjectClassDefinition(id = HomeConfig.PID, name = "ILL Bridge: simulated home ILL system",
    description = "Receives the bridge's webhooks and, for demos, creates loan requests through the REST API"
        + " and moves them through their life cycle.")
public @interface HomeConfig {
  String PID = "org.illbridge.simulator.home";

  @AttributeDefinition(name = "Webhook address")
  String webhookHost() default "127.0.0.1";

  @AttributeDefinition(name = "Webhook port", description = "Must match the home partner's endpoint")
  int webhookPort() default 8099;

  @AttributeDefinition(name = "Webhook path")
  String webhookPath() default "/webhook";

  @AttributeDefinition(name = "Webhook secret",
      description = "Shared secret of X-IllBridge-Signature; empty accepts unsigned calls", required = false)
  String webhookSecret() default "";

  @AttributeDefinition(name = "REST API base", description = "The bridge's REST API")
  String restBaseUrl() default "http://127.0.0.1:8080/api/v1";

  @AttributeDefinition(name = "API key", description = "Sent in X-API-Key", required = false)
  String apiKey() default "";

  @AttributeDefinition(name = "Requesting library", description = "Agency id of the borrowing library")
  String requester() default "ISIL:CA-BC-ILLUME";

  @AttributeDefinition(name = "Lenders", description = "Partner keys, in rota order", required = false)
  String[] lenders() default {};

  @AttributeDefinition(name = "Requests per minute", description = "Demo traffic; 0 for none")
  int requestsPerMinute() default 0;

  @AttributeDefinition(name = "Most requests", description = "The traffic stops after this many")
  int maxRequests() default 100;

  @AttributeDefinition(name = "Life-cycle delay (ms)",
      description = "After Shipped: Received after this, Returned after as much again; 0 to leave loans as they are")
  long lifecycleDelayMs() default 5000;

  @AttributeDefinition(name = "Timeout (ms)", description = "Connect and request time limit")
  int timeoutMs() default 5000;

  @AttributeDefinition(name = "Random seed")
  long seed() default 1;
}
