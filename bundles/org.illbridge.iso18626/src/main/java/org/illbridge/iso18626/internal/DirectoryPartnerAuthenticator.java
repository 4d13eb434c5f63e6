package org.illbridge.iso18626.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.Partner;
import org.illbridge.api.store.InboundAuth;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.iso18626.PartnerAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates ISO 18626 senders against the partner directory, the one place partners and
 * their inbound authentication ({@link InboundAuth}) are kept. The sender is looked up by the
 * agency id its message names; every check its entry gives must pass:
 *
 * <ul>
 *   <li>allowed sources: the TCP peer lies in one of the addresses / CIDR ranges;
 *   <li>HTTP Basic: the {@code Authorization} header carries the user and a password whose hash
 *       is the stored one;
 *   <li>shared secret: the secret header (default {@code X-ILL-Secret}) carries a secret whose hash
 *       is the stored one.
 * </ul>
 *
 * A partner with none of these is refused (unless {@code acceptUnauthenticated}, for closed test
 * networks): anyone could claim its agency id. A disabled partner is refused. A sender the
 * directory does not know is accepted <em>without a partner</em> when unknown requesters are
 * reviewed (the endpoint then lets only a Request through, which the engine puts in its review
 * queue, seed 002), and refused otherwise.
 *
 * <p>Deprecated fallback: the endpoint's own {@code partners=} lines ({@link
 * ConfiguredPartnerAuthenticator}) still apply to a sender the directory does not know or whose
 * entry has no check, so set-ups written before the directory enforced anything keep working.
 */
final class DirectoryPartnerAuthenticator implements PartnerAuthenticator {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryPartnerAuthenticator.class);

  /** What the endpoint configuration says about authentication. */
  record Settings(String secretHeader, boolean acceptWithoutChecks, boolean reviewUnknownRequesters) {
    Settings {
      secretHeader = secretHeader == null || secretHeader.isBlank() ? DEFAULT_SECRET_HEADER : secretHeader.trim();
    }
  }

  static final String DEFAULT_SECRET_HEADER = "X-ILL-Secret";

  private final PartnerDirectory directory;
  private final Settings settings;
  private final ConfiguredPartnerAuthenticator legacy;
  private final InboundCredentials credentials = new InboundCredentials();
  private final AtomicBoolean legacyUseLogged = new AtomicBoolean();

  /**
   * @param legacy the deprecated {@code partners=} lines, or null
   */
  DirectoryPartnerAuthenticator(PartnerDirectory directory, Settings settings,
      ConfiguredPartnerAuthenticator legacy) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.legacy = legacy;
  }

  @Override
  public Outcome authenticate(AgencyId sender, InetAddress remote, Function<String, String> header) {
    if (sender == null) {
      return Outcome.refuse("the message names no sending agency");
    }
    Optional<PartnerEntry> found = directory.findByAgencyId(sender);
    if (found.isEmpty()) {
      if (legacy != null && legacy.knows(sender)) {
        return legacy(sender, remote, header);
      }
      return settings.reviewUnknownRequesters() ? Outcome.accept(null)
          : Outcome.refuse("agency " + sender + " is not a partner of this bridge");
    }
    Partner partner = found.get().partner();
    InboundAuth auth = found.get().inboundAuth();
    if (!partner.enabled()) {
      return Outcome.refuse("partner " + partner.key() + " is disabled");
    }
    boolean hasAddresses = !auth.allowedSources().isEmpty();
    boolean hasBasic = auth.basicAuthUser() != null && !auth.basicAuthUser().isBlank();
    boolean hasSecret = auth.sharedSecretHash() != null && !auth.sharedSecretHash().isBlank();
    if (!hasAddresses && !hasBasic && !hasSecret) {
      if (legacy != null && legacy.knows(sender)) {
        Outcome o = legacy(sender, remote, header);
        return o.accepted() ? Outcome.accept(partner) : o; // the directory's key and parsing mode
      }
      if (settings.acceptWithoutChecks()) {
        return Outcome.accept(partner);
      }
      return Outcome.refuse("partner " + partner.key() + " has no inbound authentication configured"
          + " (allowedAddresses, basicUser/basicPasswordHash or sharedSecretHash)");
    }
    // Every check runs, whatever an earlier one found, so the answer time does not tell which failed.
    boolean addressOk = !hasAddresses || auth.allowsSource(remote);
    boolean basicOk = !hasBasic || basicMatches(header.apply("Authorization"), auth);
    boolean secretOk = !hasSecret
        || credentials.verify(header.apply(settings.secretHeader()), auth.sharedSecretHash());
    if (!addressOk) {
      return Outcome.refuse("address " + (remote == null ? "?" : remote.getHostAddress())
          + " is not allowed for partner " + partner.key());
    }
    if (!basicOk) {
      return Outcome.refuse("HTTP Basic credentials missing or wrong for partner " + partner.key());
    }
    if (!secretOk) {
      return Outcome.refuse("shared secret header " + settings.secretHeader()
          + " missing or wrong for partner " + partner.key());
    }
    return Outcome.accept(partner);
  }

  private Outcome legacy(AgencyId sender, InetAddress remote, Function<String, String> header) {
    if (legacyUseLogged.compareAndSet(false, true)) {
      LOG.warn("ISO 18626: agency {} is authenticated by the deprecated partners= lines of "
          + "org.illbridge.iso18626; give its partner file (conf/org.illbridge.partner-<name>.cfg) "
          + "allowedAddresses, basicUser/basicPasswordHash or sharedSecretHash instead", sender);
    }
    return legacy.authenticate(sender, remote, header);
  }

  private boolean basicMatches(String authorization, InboundAuth auth) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    boolean userOk = java.security.MessageDigest.isEqual(
        decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8),
        auth.basicAuthUser().getBytes(StandardCharsets.UTF_8));
    boolean passwordOk = credentials.verify(decoded.substring(colon + 1), auth.passwordHash());
    return userOk & passwordOk;
  }
}
