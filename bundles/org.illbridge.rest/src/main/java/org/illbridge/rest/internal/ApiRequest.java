package org.illbridge.rest.internal;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.function.UnaryOperator;

/**
 * One HTTP request as the API sees it, independent of the servlet container so that the API is
 * tested without one.
 *
 * @param method HTTP method
 * @param path path below {@code /api/v1}, starting with {@code /}
 * @param query the raw query string (still percent-encoded), or null
 * @param headers header lookup by (case-insensitive) name; null when absent
 * @param body the request body stream (never null; may be empty)
 * @param remote the client's address, or null
 */
record ApiRequest(String method, String path, String query, UnaryOperator<String> headers,
    InputStream body, InetAddress remote) {

  String header(String name) {
    return headers.apply(name);
  }
}
