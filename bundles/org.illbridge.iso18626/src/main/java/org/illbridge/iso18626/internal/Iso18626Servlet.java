package org.illbridge.iso18626.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.illbridge.api.store.PartnerDirectory;
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
      @Reference PartnerDirectory directory,
      @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
          PartnerAuthenticator authenticator) {
    Iso18626Version v = Iso18626Version.fromAttribute(config.outboundVersion());
    this.endpoint = new Iso18626Endpoint(new Iso18626ProtocolCodec(config), handler,
        authenticator(config, directory, authenticator), config.maxBytes(),
        v == null ? Iso18626Version.V2017 : v);
  }

  /**
   * A {@link PartnerAuthenticator} service wins; otherwise the partner directory, with the
   * deprecated {@code partners=} lines as a fallback.
   */
  static PartnerAuthenticator authenticator(CodecConfig config, PartnerDirectory directory,
      PartnerAuthenticator service) {
    if (service != null) {
      LOG.info("ISO 18626 endpoint: senders are authenticated by {}", service.getClass().getName());
      return service;
    }
    ConfiguredPartnerAuthenticator legacy = null;
    if (config.partners().length > 0) {
      legacy = ConfiguredPartnerAuthenticator.parse(config.partners());
      LOG.warn("ISO 18626 endpoint: the partners= lines of {} are deprecated; they apply only to senders "
          + "the partner directory does not know or that have no inbound authentication there", CodecConfig.PID);
    }
    if (config.acceptUnauthenticated()) {
      LOG.warn("ISO 18626 endpoint accepts directory partners without inbound authentication "
          + "(acceptUnauthenticated=true): closed test networks only");
    }
    return new DirectoryPartnerAuthenticator(directory, new DirectoryPartnerAuthenticator.Settings(
        config.sharedSecretHeader(), config.acceptUnauthenticated(), config.reviewUnknownRequesters()), legacy);
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
