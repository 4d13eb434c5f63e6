package org.illbridge.api.dialect;

import java.util.Set;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Role;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A partner dialect: the rules of one vendor's ILL system. Provided as an OSGi service with the
 * {@value #PROPERTY_ID} property; the engine binds dialects dynamically, so a dialect bundle can
 * be dropped in, replaced or removed while the server runs. Messages for a partner whose dialect
 * is absent are held until it appears.
 *
 * <p>Implementations must be stateless and thread-safe: the engine calls them concurrently for
 * many transactions.
 */
@ConsumerType
public interface Dialect {

  /** Service property naming the dialect; partners refer to it by this value. */
  String PROPERTY_ID = "dialect.id";

  /** The dialect id; equal to the {@value #PROPERTY_ID} service property. */
  String id();

  /**
   * The message types this partner can receive when the bridge acts in the given role towards
   * it. The engine never offers anything else (for instance OCLC never gets WILL_SUPPLY).
   */
  Set<MessageType> supportedOutbound(Role bridgeRole);

  /**
   * Rewrites a neutral message before it is sent to the partner: drop what the partner cannot
   * take, fill required fields from partner defaults, or refuse it with a reason that is reported
   * to the home system. Must not block.
   */
  OutboundDecision outbound(IllMessage message, Partner partner);

  /**
   * Normalises a message received from the partner (vendor quirks to neutral). The default
   * leaves it as it is.
   */
  default IllMessage inbound(IllMessage message, Partner partner) {
    return message;
  }
}
