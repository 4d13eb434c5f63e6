package org.illbridge.iso10161;

import java.util.List;

/**
 * Status-Or-Error-Report ([APPLICATION 19]).
 *
 * @param header protocol version, transaction id, date-time, requester and responder
 * @param reasonNoReport [43]
 * @param statusReport [44]
 * @param errorReport [45]
 * @param note [46]
 * @param extensions [49]
 */
public record StatusOrErrorReport(
    ApduHeader header,
    ReasonNoReport reasonNoReport,
    StatusReport statusReport,
    ErrorReport errorReport,
    IllString note,
    List<Extension> extensions) implements IllApdu {

  public StatusOrErrorReport {
    extensions = extensions == null ? List.of() : List.copyOf(extensions);
  }

  @Override
  public ApduType type() {
    return ApduType.STATUS_OR_ERROR_REPORT;
  }
}
