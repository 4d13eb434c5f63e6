package org.illbridge.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the API answers: status, content type, body and extra headers.
 *
 * @param headers extra headers (Location, Allow, WWW-Authenticate), in order
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

  ApiResponse {
    body = body == null ? new byte[0] : body;
    headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
