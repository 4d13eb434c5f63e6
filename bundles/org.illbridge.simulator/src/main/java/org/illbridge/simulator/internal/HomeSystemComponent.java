package org.illbridge.simulator.internal;

import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Runs the simulated home ILL system when {@value HomeConfig#PID} is configured. */
@Component(configurationPid = HomeConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true, service = {})
@Designate(ocd = HomeConfig.class)
public final class HomeSystemComponent {
  private final HomeSystem home;

  @Activate
  public HomeSystemComponent(HomeConfig config) throws IOException {
    home = new HomeSystem(config);
    try {
      home.start();
    } catch (IOException | RuntimeException e) {
      home.close();
      throw e;
    }
  }

  @Deactivate
  void deactivate() {
    home.close();
  }
}
