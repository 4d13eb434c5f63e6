package org.illbridge.simulator.internal;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.illbridge.api.model.AgencyId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one simulated partner per factory configuration of {@value PartnerConfig#PID}. */
@Component(configurationPid = PartnerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
@Designate(ocd = PartnerConfig.class, factory = true)
public final class PartnerComponent {
  private static final Logger LOG = LoggerFactory.getLogger(PartnerComponent.class);

  private final SimulatedPartner partner;

  @Activate
  public PartnerComponent(PartnerConfig config) throws IOException {
    PartnerSettings settings;
    try {
      settings = settings(config);
    } catch (IllegalArgumentException | NullPointerException e) {
      LOG.error("Simulated partner not started: configuration {} is wrong: {}", PartnerConfig.PID,
          e.getMessage());
      throw new IllegalArgumentException("simulated partner configuration: " + e.getMessage(), e);
    }
    partner = settings.kind().iso10161() ? new Iso10161Lender(settings)
        : new Iso18626Supplier(settings);
    try {
      partner.start();
    } catch (IOException | RuntimeException e) {
      partner.close();
      throw e;
    }
  }

  static PartnerSettings settings(PartnerConfig c) {
    if (c.agencyId() == null || c.agencyId().isBlank()) {
      throw new IllegalArgumentException("agencyId is required");
    }
    if (c.bridgeEndpoint() == null || c.bridgeEndpoint().isBlank()) {
      throw new IllegalArgumentException("bridgeEndpoint is required");
    }
    Behaviour behaviour = new Behaviour(c.fillRate(), c.answerDelayMs(), c.lostRate(),
        c.malformedRate(), DownPeriods.parse(c.downPeriods()), c.seed(),
        lostMessages(c.lostMessages()));
    return new PartnerSettings(AgencyId.parse(c.agencyId().trim()), c.kind(), c.listenHost(),
        c.listenPort(), c.listenPath(), URI.create(c.bridgeEndpoint().trim()),
        c.bridgeHeaders() == null ? List.of() : List.of(c.bridgeHeaders()), behaviour,
        new PartnerSettings.Timeouts(c.connectTimeoutMs(), c.replyWaitMs(), c.idleTimeoutMs(),
            c.readTimeoutMs()));
  }

  /** Names in an array, or comma-separated in one string (a .cfg file's plain value). */
  static Set<String> lostMessages(String[] values) {
    Set<String> out = new LinkedHashSet<>();
    if (values != null) {
      for (String v : values) {
        for (String part : (v == null ? "" : v).split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
    }
    return out;
  }

  SimulatedPartner partner() {
    return partner;
  }

  @Deactivate
  void deactivate() {
    partner.close();
  }
}
