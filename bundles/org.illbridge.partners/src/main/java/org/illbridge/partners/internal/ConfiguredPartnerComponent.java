package org.illbridge.partners.internal;

import java.util.Map;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.StoreException;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partner-directory entry per factory configuration of {@value PartnerConfig#PID}: upserted
 * on activation and on every change, disabled (never deleted: its history stays) when the
 * configuration is deleted. A wrong configuration is logged with the field at fault and leaves
 * the directory as it was.
 */
@Component(configurationPid = PartnerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
@Designate(ocd = PartnerConfig.class, factory = true)
public final class ConfiguredPartnerComponent {
  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredPartnerComponent.class);

  private final PartnerSync sync;
  /** The key the current configuration manages (null while the configuration is wrong). */
  private volatile String key;
  private volatile String source;

  @Activate
  public ConfiguredPartnerComponent(@Reference PartnerDirectory directory, PartnerConfig config,
      Map<String, Object> properties) {
    this.sync = new PartnerSync(directory);
    apply(config, properties);
  }

  @Modified
  void modified(PartnerConfig config, Map<String, Object> properties) {
    apply(config, properties);
  }

  @Deactivate
  void deactivate(int reason) {
    String k = key;
    // Only a deleted configuration disables the partner: a stopping bundle or framework, or a
    // store restart, must leave the directory alone.
    if (k != null && reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_DELETED) {
      disable(k, "configuration " + source + " removed");
    }
  }

  private void apply(PartnerConfig config, Map<String, Object> properties) {
    String newSource = source(properties);
    PartnerSettings.Parsed parsed;
    try {
      parsed = PartnerSettings.parse(config, properties);
    } catch (IllegalArgumentException e) {
      LOG.error("Partner configuration {} is not applied: {}", newSource, e.getMessage());
      return;
    }
    String previous = key;
    String actor = "config:" + newSource;
    try {
      PartnerSync.Result r = sync.apply(parsed, actor);
      key = parsed.partner().key();
      source = newSource;
      if (r != PartnerSync.Result.UNCHANGED) {
        LOG.info("Partner {} {} from configuration {}", key,
            r == PartnerSync.Result.CREATED ? "created" : "updated", newSource);
      }
      if (previous != null && !previous.equals(key)) {
        disable(previous, "configuration " + newSource + " now names partner " + key);
      }
    } catch (IllegalArgumentException | StoreException e) {
      // ConflictException is a StoreException: e.g. an agency id that belongs to another partner.
      LOG.error("Partner {} from configuration {} could not be saved: {}",
          parsed.partner().key(), newSource, e.getMessage());
    }
  }

  private void disable(String k, String why) {
    try {
      if (sync.disable(k, "config:" + source)) {
        LOG.info("Partner {} disabled: {} (its transactions and history are kept)", k, why);
      }
    } catch (StoreException e) {
      LOG.error("Partner {} could not be disabled ({}): {}", k, why, e.getMessage());
    }
  }

  /** The file (FileInstall) or configuration PID the partner comes from, for logs and the audit. */
  static String source(Map<String, Object> properties) {
    Object file = properties.get("felix.fileinstall.filename");
    if (file != null) {
      String f = file.toString();
      int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
      return f.substring(slash + 1);
    }
    Object pid = properties.get("service.pid");
    return pid == null ? PartnerConfig.PID : pid.toString();
  }
}
