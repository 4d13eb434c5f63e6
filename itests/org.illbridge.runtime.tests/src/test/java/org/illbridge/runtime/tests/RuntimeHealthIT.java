package org.illbridge.runtime.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Every bundle of the server feature resolves and starts; every ILL Bridge component activates. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeHealthIT {

  @Inject private BundleContext context;
  @Inject private ServiceComponentRuntime scr;

  @Configuration
  public Option[] config() {
    return ServerBundles.options();
  }

  @Test
  public void everyServerBundleIsActive() {
    List<String> problems = new ArrayList<>();
    int illbridge = 0;
    for (Bundle b : context.getBundles()) {
      boolean fragment = b.getHeaders().get("Fragment-Host") != null;
      if (!fragment && b.getState() != Bundle.ACTIVE) {
        problems.add(b.getSymbolicName() + " state " + b.getState());
      }
      if (b.getSymbolicName().startsWith("org.illbridge.")) {
        illbridge++;
      }
    }
    assertTrue("ILL Bridge bundles installed: " + illbridge, illbridge >= 2);
    assertEquals("bundles not active", List.of(), problems);
  }

  @Test
  public void noIllBridgeComponentFailsOrLacksAReference() throws InterruptedException {
    List<String> problems = List.of();
    // components activate asynchronously after the bundles start
    for (int attempt = 0; attempt < 50; attempt++) {
      problems = componentProblems();
      if (problems.isEmpty()) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals("ILL Bridge components not satisfied", List.of(), problems);
  }

  private List<String> componentProblems() {
    List<String> problems = new ArrayList<>();
    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
      if (!d.bundle.symbolicName.startsWith("org.illbridge.")) {
        continue;
      }
      for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION
            || c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
          problems.add(d.name + " state " + c.state
              + (c.failure == null ? "" : ": " + c.failure.lines().findFirst().orElse("")));
        }
      }
    }
    return problems;
  }
}
