package org.illbridge.api.model;

import java.util.Locale;
import java.util.Map;

/**
 * The one table that translates the reason of an UNFILLED or RETRY_POSSIBLE answer between the
 * two ISO protocols (since 1.2.0). A neutral message keeps the reason as its sender's protocol
 * wrote it ({@link IllMessage#reason()}: an ISO 10161 reason-code name such as
 * {@code not-on-shelf}, or an ISO 18626 ReasonUnfilled / ReasonRetry code such as
 * {@code NotOnShelf}); an encoder asks this table for its own protocol's value. Pairs are only
 * those with the same meaning in both standards; a reason without a counterpart is left as it is.
 */
public final class ReasonCodes {

  /** ISO 10161 reason-code name → ISO 18626 code (ReasonUnfilled or ReasonRetry). */
  private static final Map<String, String> TO_18626 = Map.ofEntries(
      Map.entry("not-owned", "NotHeld"),
      Map.entry("non-circulating", "NonCirculating"),
      Map.entry("not-on-shelf", "NotOnShelf"),
      Map.entry("policy-problem", "PolicyProblem"),
      Map.entry("poor-condition", "PoorCondition"),
      Map.entry("at-bindery", "AtBindery"),
      Map.entry("cost-exceeds-limit", "CostExceedsMaxCost"),
      Map.entry("not-found-as-cited", "NotFoundAsCited"),
      Map.entry("in-use-on-loan", "OnLoan"),
      Map.entry("on-order", "OnOrder"),
      Map.entry("preferred-delivery-time-not-possible", "ReqDelDateNotPossible"),
      Map.entry("requested-delivery-services-not-supported", "ReqDelMethodNotSupp"));

  /** The inverse, keyed by the lower-cased ISO 18626 code. */
  private static final Map<String, String> TO_10161 = inverse();

  private ReasonCodes() {}

  /**
   * The ISO 18626 code for {@code reason} when it is an ISO 10161 reason name with a counterpart
   * (case-insensitive, {@code _} or {@code -}); otherwise {@code reason} unchanged (already an
   * ISO 18626 code, or a value of the open list without counterpart). Null stays null.
   */
  public static String toIso18626(String reason) {
    if (reason == null) {
      return null;
    }
    String code = TO_18626.get(reason.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
    return code != null ? code : reason;
  }

  /**
   * The ISO 10161 reason-code name for {@code reason} when it is an ISO 18626 code with a
   * counterpart (case-insensitive), or null when it has none. An ISO 10161 name is not looked up
   * here: the caller tries its own codes first.
   */
  public static String toIso10161(String reason) {
    return reason == null ? null : TO_10161.get(reason.trim().toLowerCase(Locale.ROOT));
  }

  private static Map<String, String> inverse() {
    java.util.HashMap<String, String> m = new java.util.HashMap<>();
    TO_18626.forEach((iso10161, iso18626) -> m.put(iso18626.toLowerCase(Locale.ROOT), iso10161));
    return Map.copyOf(m);
  }
}
