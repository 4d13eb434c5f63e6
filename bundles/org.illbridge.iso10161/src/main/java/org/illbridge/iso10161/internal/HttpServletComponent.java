package org.illbridge.iso10161.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.transport.InboundHandler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /iso10161}: BER over HTTP on the Jakarta Servlet Whiteboard (seed 001: Alma takes
 * ISO ILL at a URL). A thin adapter over {@link HttpEndpoint}. Only present while the engine's
 * {@link InboundHandler} is.
 */
@Component(service = Servlet.class, configurationPid = HttpConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {"osgi.http.whiteboard.servlet.pattern=/iso10161",
        "osgi.http.whiteboard.servlet.name=iso10161"})
@Designate(ocd = HttpConfig.class)
public final class HttpServletComponent extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HttpServletComponent.class);

  private final transient HttpEndpoint endpoint;

  @Activate
  public HttpServletComponent(HttpConfig config, @Reference InboundHandler handler,
      @Reference PartnerDirectory directory) {
    if (config.acceptAnySender()) {
      LOG.warn("ISO 10161 over HTTP accepts posts from any address (acceptAnySender=true)");
    } else if (config.allowedSenders().length == 0) {
      LOG.info("ISO 10161 over HTTP: posts are accepted from the allowedAddresses of the ISO 10161 "
          + "partners an APDU names (no allowedSenders configured)");
    }
    this.endpoint = new HttpEndpoint(handler, config.maxApduSize(),
        Set.of(config.allowedSenders()), config.acceptAnySender(), directory);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    InetAddress remote = null;
    try {
      remote = InetAddress.getByName(req.getRemoteAddr());
    } catch (UnknownHostException e) {
      LOG.debug("unparseable remote address {}", req.getRemoteAddr());
    }
    HttpEndpoint.Response r = endpoint.handle(req.getInputStream(), remote);
    resp.setStatus(r.status());
    if (r.body().length > 0) {
      resp.setContentType("application/octet-stream");
      resp.setContentLength(r.body().length);
      resp.getOutputStream().write(r.body());
    }
  }
}
