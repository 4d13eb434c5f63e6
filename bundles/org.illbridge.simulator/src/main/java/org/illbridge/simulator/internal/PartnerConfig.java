package org.illbridge.simulator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One simulated partner (factory configuration: create as many as needed). */
@ObjectClassDefinition(id = PartnerConfig.PID,
    name = "ILL Bridge: simulated partner",
    description = "A simulated ILL partner for demos and tests. Listens on loopback by default.")
public @interface PartnerConfig {
  String PID = "org.illbridge.simulator.partner";

  @AttributeDefinition(name = "Agency id",
      description = "The partner's own id, SCHEME:VALUE (e.g. ISIL:CA-BVAU, OCLC:OCL); on ISO 10161 its symbol")
  String agencyId();

  @AttributeDefinition(name = "Kind", description = "Which vendor it behaves like")
  PartnerKind kind() default PartnerKind.VDX;

  @AttributeDefinition(name = "Listen address", description = "Keep 127.0.0.1 unless you know why")
  String listenHost() default "127.0.0.1";

  @AttributeDefinition(name = "Listen port", description = "0 picks a free port (see the log)")
  int listenPort() default 0;

  @AttributeDefinition(name = "Listen path",
      description = "HTTP path (Alma over HTTP: /view/iso-ill; ISO 18626: /iso18626)", required = false)
  String listenPath() default "";

  @AttributeDefinition(name = "Bridge endpoint",
      description = "Where answers go: tcp://127.0.0.1:<ISO 10161 port> or http://127.0.0.1:8080/iso18626")
  String bridgeEndpoint();

  @AttributeDefinition(name = "Headers towards the bridge",
      description = "Name: value, for the bridge's ISO 18626 partner authentication", required = false)
  String[] bridgeHeaders() default {};

  @AttributeDefinition(name = "Fill rate", description = "Share of requests filled, 0 to 1")
  double fillRate() default 0.8;

  @AttributeDefinition(name = "Answer delay (ms)")
  long answerDelayMs() default 2000;

  @AttributeDefinition(name = "Lost-message rate", description = "Share of its messages never sent, 0 to 1")
  double lostRate() default 0;

  @AttributeDefinition(name = "Always lost",
      description = "Names of its messages that are never sent, whatever the lost-message rate: "
          + "SHIPPED, ILL_ANSWER_WILL_SUPPLY, CHECKED_IN, STATUS_OR_ERROR_REPORT (ISO 10161); "
          + "WILLSUPPLY, LOANED (ISO 18626); case does not matter", required = false)
  String[] lostMessages() default {};

  @AttributeDefinition(name = "Malformed-reply rate",
      description = "Share of its messages sent as bytes the bridge must reject, 0 to 1")
  double malformedRate() default 0;

  @AttributeDefinition(name = "Down periods",
      description = "start-end in ms after start, e.g. 60000-120000; several allowed", required = false)
  String[] downPeriods() default {};

  @AttributeDefinition(name = "Random seed", description = "Same seed, same decisions")
  long seed() default 1;

  @AttributeDefinition(name = "Connect timeout (ms)")
  int connectTimeoutMs() default 5000;

  @AttributeDefinition(name = "Reply wait (ms)",
      description = "How long to wait for the bridge's immediate answer on a TCP connection")
  int replyWaitMs() default 300;

  @AttributeDefinition(name = "Idle timeout (ms)")
  int idleTimeoutMs() default 30000;

  @AttributeDefinition(name = "Read timeout (ms)")
  int readTimeoutMs() default 10000;
}
