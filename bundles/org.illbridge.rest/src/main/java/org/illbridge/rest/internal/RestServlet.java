package org.illbridge.rest.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.engine.EngineActions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/*} on the OSGi Jakarta Servlet Whiteboard (default context, like the ISO 18626
 * endpoint). A thin adapter; the work is done by {@link RestApi}.
 */
@Component(service = Servlet.class, configurationPid = RestConfig.PID,
    property = {"osgi.http.whiteboard.servlet.pattern=" + RestApi.BASE_PATH + "/*",
        "osgi.http.whiteboard.servlet.name=illbridge-rest-api"})
@Designate(ocd = RestConfig.class)
public final class RestServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RestServlet.class);

  private final transient RestApi api;

  @Activate
  public RestServlet(RestConfig config, @Reference EngineActions actions, @Reference TransactionStore store,
      @Reference PartnerDirectory directory) {
    ApiKeys keys = ApiKeys.parse(config._apiKeys());
    this.api = new RestApi(actions, store, directory, keys, config.homePartnerKey(),
        Math.max(1024, config.maxBodyBytes()), Clock.systemUTC());
    if (config._webhookSecret() == null || config._webhookSecret().isBlank()) {
      LOG.warn("REST API: .webhookSecret is not set in org.illbridge.rest; messages to the home system "
          + "are held until it is (the webhook transport needs it to sign them)");
    }
    LOG.info("REST API at {} with {} API key(s) for home partner '{}'", RestApi.BASE_PATH, keys.size(),
        config.homePartnerKey());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    InetAddress remote = null;
    try {
      remote = InetAddress.getByName(req.getRemoteAddr());
    } catch (UnknownHostException | RuntimeException e) {
      LOG.debug("unparseable remote address {}", req.getRemoteAddr());
    }
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    ApiResponse r = api.handle(new ApiRequest(req.getMethod(), path, req.getQueryString(),
        req::getHeader, req.getInputStream(), remote));
    resp.setStatus(r.status());
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      resp.setHeader(h.getKey(), h.getValue());
    }
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    if (r.body().length > 0) {
      resp.setContentType(r.contentType() + ";charset=UTF-8");
      resp.setContentLength(r.body().length);
      resp.getOutputStream().write(r.body());
    }
  }
}
