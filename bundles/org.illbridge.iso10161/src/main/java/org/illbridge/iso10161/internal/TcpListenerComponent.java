package org.illbridge.iso10161.internal;

import java.io.IOException;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.transport.InboundHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs the ISO 10161 TCP listener while an {@link InboundHandler} (the engine) is present. Without
 * one this component is not satisfied and nothing listens: a partner gets "connection refused"
 * instead of a silent drop of an APDU nobody could store. APDUs pass {@link PartnerSourceCheck}
 * (the partners' allowed addresses) before they reach the engine.
 */
@Component(service = {}, immediate = true, configurationPid = TcpConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TcpConfig.class)
public final class TcpListenerComponent {
  private final ApduServer server;

  @Activate
  public TcpListenerComponent(TcpConfig config, @Reference InboundHandler handler,
      @Reference PartnerDirectory directory) throws IOException {
    // The partners' allowedAddresses (partner directory) are checked before the engine sees an APDU.
    this.server = config.enabled()
        ? new ApduServer(TcpSettings.of(config), new PartnerSourceCheck(handler, directory)) : null;
  }

  @Deactivate
  void deactivate() {
    if (server != null) {
      server.close();
    }
  }
}
