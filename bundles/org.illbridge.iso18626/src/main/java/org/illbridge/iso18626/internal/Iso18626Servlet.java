package org.illbridge.iso18626.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.illbridge.api.transport.InboundHandler;
import org.illbridge.iso18626.Iso18626Version;
import org.illbridge.iso18626.PartnerAuthenticator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /iso18626}: registered with the OSGi Jakarta Servlet Whiteboard. A thin adapter;
 * the work is done by {@link Iso18626Endpoint}.
 */
@Component(service = Servlet.class, configurationPid = CodecConfig.PID,
    property = {"osgi.http.whiteboard.servlet.pattern=/iso18626", "osgi.http.whiteboard.servlet.name=iso18626"})
public final class Iso18626Servlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(Iso18626Servlet.class);

  private final transient Iso18626Endpoint endpoint;

  @Activate
  public Iso18626Servlet(CodecConfig config, @Reference InboundHandler handler,
      @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
          PartnerAuthenticator authenticator) {
    PartnerAuthenticator auth = authenticator;
    if (auth == null && config.partners().length > 0) {
      auth = ConfiguredPartnerAuthenticator.parse(config.partners());
    }
    if (auth == null && !config.acceptUnauthenticated()) {
      auth = ConfiguredPartnerAuthenticator.parse(new String[0]); // refuses everyone, with a clear reason
      LOG.warn("ISO 18626 endpoint: no partners configured, every message will be refused");
    } else if (auth == null) {
      LOG.warn("ISO 18626 endpoint accepts unauthenticated senders (acceptUnauthenticated=true)");
    }
    Iso18626Version v = Iso18626Version.fromAttribute(config.outboundVersion());
    this.endpoint = new Iso18626Endpoint(new Iso18626ProtocolCodec(config), handler, auth, config.maxBytes(),
        v == null ? Iso18626Version.V2017 : v);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    InetAddress remote = null;
    try {
      remote = InetAddress.getByName(req.getRemoteAddr());
    } catch (UnknownHostException e) {
      LOG.debug("unparseable remote address {}", req.getRemoteAddr());
    }
    Iso18626Endpoint.Response r = endpoint.handle(req.getInputStream(), remote, req::getHeader);
    resp.setStatus(r.status());
    if (r.body().length > 0) {
      resp.setContentType("application/xml;charset=UTF-8");
      resp.setContentLength(r.body().length);
      resp.getOutputStream().write(r.body());
    }
  }
}
