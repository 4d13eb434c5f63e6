package org.illbridge.iso10161.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import org.illbridge.api.transport.Transport;
import org.illbridge.iso10161.IllCodecException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * Outbound ISO 10161 over TCP: one connection per APDU ({@code tcp://host:port}). After sending,
 * waits briefly for an immediate answer (a Status-Or-Error-Report); an APDU the peer accepted gets
 * none, so an empty reply is success.
 */
@Component(service = Transport.class, configurationPid = TcpConfig.PID,
    configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {Transport.PROPERTY_SCHEME + "=tcp", "illbridge.protocol=ISO10161"})
public final class TcpTransport implements Transport {
  private final TcpSettings settings;

  @Activate
  public TcpTransport(TcpConfig config) {
    this(TcpSettings.of(config));
  }

  public TcpTransport(TcpSettings settings) {
    this.settings = settings;
  }

  @Override
  public byte[] send(URI endpoint, byte[] payload) throws IOException {
    if (!"tcp".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null
        || endpoint.getPort() <= 0) {
      throw new IOException("not a tcp://host:port endpoint: " + endpoint);
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()),
          settings.connectTimeoutMillis());
      s.setTcpNoDelay(true);
      s.getOutputStream().write(payload);
      s.getOutputStream().flush();
      if (settings.replyWaitMillis() == 0) {
        return new byte[0];
      }
      ApduReader reader = new ApduReader(s, settings.maxApduSize(), settings.replyWaitMillis(),
          settings.readTimeoutMillis());
      try {
        byte[] reply = reader.next();
        return reply == null ? new byte[0] : reply;
      } catch (SocketTimeoutException e) {
        if (reader.pending() > 0) {
          throw new IOException("incomplete reply from " + endpoint, e);
        }
        return new byte[0];
      } catch (EOFException e) {
        throw new IOException("truncated reply from " + endpoint, e);
      } catch (IllCodecException e) {
        throw new IOException("unreadable reply from " + endpoint + ": " + e.getMessage(), e);
      }
    }
  }

}
