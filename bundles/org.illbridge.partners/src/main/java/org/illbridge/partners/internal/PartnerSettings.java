package org.illbridge.partners.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.AgencyIdScheme;
import org.illbridge.api.model.Endpoint;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.store.InboundAuth;

/**
 * Turns a {@link PartnerConfig} into the partner and inbound authentication to store, or fails
 * with an {@link IllegalArgumentException} naming the field and what is wrong with it.
 */
final class PartnerSettings {
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  /** The console's stored form: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}. */
  private static final Pattern PBKDF2 =
      Pattern.compile("pbkdf2-sha(1|256|512)\\$[0-9]{1,9}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
  private static final Set<String> SCHEMES =
      Set.of("tcp", "http", "https", "webhook+http", "webhook+https");

  private PartnerSettings() {}

  /** The directory entry's content (without version and times). */
  record Parsed(Partner partner, InboundAuth inboundAuth) {}

  /** Prefix of the configuration properties that are per-partner dialect settings. */
  static final String SETTING_PREFIX = "setting.";
  private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final int SETTING_MAX = 2000;

  static Parsed parse(PartnerConfig c) {
    return parse(c, Map.of());
  }

  /**
   * @param properties the whole configuration, for the {@code setting.<name>=value} lines (not
   *     part of the typed {@link PartnerConfig}: their names are the dialects' business)
   */
  static Parsed parse(PartnerConfig c, Map<String, ?> properties) {
    String key = trim(c.key());
    if (key.isEmpty()) {
      throw bad("key", "is required");
    }
    if (!KEY.matcher(key).matches()) {
      throw bad("key", "'" + key + "' may only hold letters, digits, '.', '_' and '-' (at most 64)");
    }
    String name = trim(c.name()).isEmpty() ? key : trim(c.name());
    List<AgencyId> ids = new ArrayList<>();
    for (String text : list(c.ids())) {
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw bad("ids", "'" + text + "' is not SCHEME:VALUE (e.g. ISIL:CA-BVAU, NUC:BVAU, OTHER:BVAU)");
      }
      String scheme = text.substring(0, colon).trim();
      AgencyIdScheme parsed = AgencyIdScheme.parse(scheme);
      if (parsed == AgencyIdScheme.OTHER && !scheme.equalsIgnoreCase("OTHER")) {
        throw bad("ids", "'" + text + "': unknown scheme '" + scheme + "' (ISIL, OCLC, NUC or OTHER)");
      }
      AgencyId id = new AgencyId(parsed, text.substring(colon + 1));
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      throw bad("ids", "needs at least one agency id (SCHEME:VALUE)");
    }
    Protocol protocol = protocol(c.protocol());
    String dialect = trim(c.dialect()).isEmpty() ? "standard" : trim(c.dialect());
    List<Endpoint> endpoints = new ArrayList<>();
    for (String text : list(c.endpoints())) {
      endpoints.add(endpoint(text, protocol));
    }
    if (c.daysToRespond() < 0 || c.daysToRespond() > 365) {
      throw bad("daysToRespond", "must be 0 (engine default) to 365, not " + c.daysToRespond());
    }
    List<String> blockedLenders = list(c.blockedLenders());
    for (String lender : blockedLenders) {
      if (!KEY.matcher(lender).matches()) {
        throw bad("blockedLenders", "'" + lender + "' is not a partner key (letters, digits, '.', '_' and '-', at most 64)");
      }
      if (lender.equals(key)) {
        throw bad("blockedLenders", "names the partner itself");
      }
    }
    Partner partner = new Partner(key, name, ids, protocol, dialect, endpoints, c.daysToRespond(),
        c.blocked(), c.strict(), c.notesAllowed(), c.enabled(), settings(properties), blockedLenders);
    return new Parsed(partner, auth(c));
  }

  /** The {@code setting.<name>=value} properties, by name; an empty value is no setting. */
  static Map<String, String> settings(Map<String, ?> properties) {
    Map<String, String> out = new TreeMap<>();
    if (properties == null) {
      return out;
    }
    for (Map.Entry<String, ?> e : properties.entrySet()) {
      if (!e.getKey().startsWith(SETTING_PREFIX)) {
        continue;
      }
      String name = e.getKey().substring(SETTING_PREFIX.length());
      if (!SETTING_NAME.matcher(name).matches()) {
        throw bad(e.getKey(), "the name after 'setting.' may only hold letters, digits, '.', '_' "
            + "and '-' (at most 128)");
      }
      Object v = e.getValue();
      String value;
      if (v instanceof String[] array) {
        value = String.join(",", array);
      } else if (v instanceof Collection<?> coll) {
        value = String.join(",", coll.stream().map(String::valueOf).toList());
      } else {
        value = v == null ? "" : String.valueOf(v);
      }
      value = value.trim();
      if (value.length() > SETTING_MAX) {
        throw bad(e.getKey(), "is longer than " + SETTING_MAX + " characters");
      }
      if (!value.isEmpty()) {
        out.put(name, value);
      }
    }
    return out;
  }

  private static Protocol protocol(String text) {
    String p = trim(text).toUpperCase(Locale.ROOT).replace(" ", "").replace("_", "");
    return switch (p) {
      case "ISO10161", "10161" -> Protocol.ISO10161;
      case "ISO18626", "18626" -> Protocol.ISO18626;
      case "REST" -> Protocol.REST;
      case "" -> throw bad("protocol", "is required (ISO10161, ISO18626 or REST)");
      default -> throw bad("protocol", "'" + text.trim() + "' is not ISO10161, ISO18626 or REST");
    };
  }

  private static Endpoint endpoint(String text, Protocol protocol) {
    String[] parts = text.split("\\|");
    URI uri;
    try {
      uri = new URI(parts[0].trim());
    } catch (URISyntaxException e) {
      throw bad("endpoints", "'" + parts[0].trim() + "' is not a URI: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
      throw bad("endpoints", "'" + uri + "' must be tcp://host:port, http(s)://host/path or "
          + "webhook+http(s)://host/path");
    }
    if (scheme.equals("tcp") && uri.getPort() < 1) {
      throw bad("endpoints", "'" + uri + "' has no port");
    }
    if (protocol == Protocol.REST && !scheme.startsWith("webhook+")) {
      throw bad("endpoints", "'" + uri + "': the home system (protocol REST) is reached by "
          + "webhook+https://... (or webhook+http:// on a test set-up)");
    }
    Instant from = null;
    Instant until = null;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : p.substring(eq + 1).trim();
      switch (name) {
        case "from" -> from = instant(value, text);
        case "until" -> until = instant(value, text);
        default -> throw bad("endpoints", "'" + text + "': unknown setting '" + p
            + "' (from=<instant>, until=<instant>)");
      }
    }
    if (from != null && until != null && !from.isBefore(until)) {
      throw bad("endpoints", "'" + text + "': from must be before until");
    }
    return new Endpoint(uri, from, until);
  }

  private static Instant instant(String value, String text) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw bad("endpoints", "'" + text + "': '" + value
          + "' is not an instant such as 2025-03-01T00:00:00Z");
    }
  }

  private static InboundAuth auth(PartnerConfig c) {
    List<String> sources = new ArrayList<>();
    for (String s : list(c.allowedAddresses())) {
      String[] cidr = s.split("/", -1);
      String ip = cidr[0];
      // Literals only: a host name would mean a DNS lookup for every inbound message.
      boolean v4 = IPV4.matcher(ip).matches();
      if (!v4 && !IPV6.matcher(ip).matches()) {
        throw bad("allowedAddresses", "'" + s + "' is not an IP address or CIDR range");
      }
      if (cidr.length > 2) {
        throw bad("allowedAddresses", "'" + s + "' is not an IP address or CIDR range");
      }
      if (cidr.length == 2) {
        int max = v4 ? 32 : 128;
        int prefix;
        try {
          prefix = Integer.parseInt(cidr[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw bad("allowedAddresses", "'" + s + "': prefix must be 0 to " + max);
        }
      }
      sources.add(s);
    }
    String user = trim(c.basicUser());
    String password = hash("basicPasswordHash", c.basicPasswordHash());
    if (user.isEmpty() != (password == null)) {
      throw bad(user.isEmpty() ? "basicUser" : "basicPasswordHash",
          "basic authentication needs both basicUser and basicPasswordHash");
    }
    String secret = hash("sharedSecretHash", c.sharedSecretHash());
    if (sources.isEmpty() && user.isEmpty() && secret == null) {
      return InboundAuth.NONE;
    }
    return new InboundAuth(sources, user.isEmpty() ? null : user, password, secret);
  }

  /** A configured hash, or null; anything that is not a hash is refused (never a plain secret). */
  private static String hash(String field, String value) {
    String v = trim(value);
    if (v.isEmpty()) {
      return null;
    }
    if (SHA256_HEX.matcher(v).matches()) {
      return v.toLowerCase(Locale.ROOT);
    }
    if (PBKDF2.matcher(v).matches()) {
      return v;
    }
    // The value is not echoed: it may be the secret itself.
    throw bad(field, "is not a hash: give the SHA-256 of the secret as 64 hex digits "
        + "(printf '%s' \"$SECRET\" | sha256sum) or a pbkdf2-sha256$... string; plain secrets are "
        + "never stored");
  }

  /** The values of a list setting: array elements, each split at commas, trimmed, no blanks. */
  static List<String> list(String[] values) {
    Set<String> out = new LinkedHashSet<>();
    if (values != null) {
      for (String v : values) {
        if (v == null) {
          continue;
        }
        for (String part : v.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }

  private static IllegalArgumentException bad(String field, String problem) {
    return new IllegalArgumentException(field + " " + problem);
  }
}
