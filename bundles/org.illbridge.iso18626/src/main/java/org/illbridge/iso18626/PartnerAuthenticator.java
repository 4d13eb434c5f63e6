package org.illbridge.iso18626;

import java.net.InetAddress;
import java.util.function.Function;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Partner;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether an inbound ISO 18626 HTTP request comes from the partner it claims to be. The
 * endpoint asks it for every message, after a first (lenient) read has found the sender's agency
 * id; a refusal is answered with ErrorData and logged. Provided as a service (for example by a
 * partner directory); the bundle ships a configuration-based one.
 */
@ConsumerType
public interface PartnerAuthenticator {

  /**
   * The verdict.
   *
   * @param partner the authenticated partner (decides strict or lenient parsing); null when refused
   * @param refusal why the sender is refused, for the log and the ErrorData; null when accepted
   */
  record Outcome(Partner partner, String refusal) {
    public static Outcome accept(Partner partner) {
      return new Outcome(partner, null);
    }

    public static Outcome refuse(String reason) {
      return new Outcome(null, reason);
    }

    public boolean accepted() {
      return refusal == null;
    }
  }

  /**
   * @param sender the agency the message says it is from (null if the message has none)
   * @param remoteAddress the TCP peer
   * @param header HTTP request headers by (case-insensitive) name, null when absent
   */
  Outcome authenticate(AgencyId sender, InetAddress remoteAddress, Function<String, String> header);
}
