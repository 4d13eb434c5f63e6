package org.illbridge.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.illbridge.api.codec.ProtocolCodec;
import org.illbridge.api.dialect.Dialect;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dynamically bound plug-ins: dialects by {@code dialect.id}, codecs by protocol, transports by
 * URI scheme. Lookups never block; a missing plug-in makes delivery hold, never fail.
 */
public final class Plugins {
  private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

  private final Map<String, Dialect> dialects = new ConcurrentHashMap<>();
  private final Map<Protocol, ProtocolCodec> codecs = new ConcurrentHashMap<>();
  private final Map<String, Transport> transports = new ConcurrentHashMap<>();

  public Dialect dialect(String id) {
    return id == null ? null : dialects.get(id);
  }

  public ProtocolCodec codec(Protocol protocol) {
    return protocol == null ? null : codecs.get(protocol);
  }

  public Transport transport(String scheme) {
    return scheme == null ? null : transports.get(scheme.toLowerCase(java.util.Locale.ROOT));
  }

  /** Ids of the dialects bound now, for the console. */
  public java.util.Set<String> dialectIds() {
    return java.util.Set.copyOf(dialects.keySet());
  }

  public void addDialect(Dialect dialect, Map<String, ?> props) {
    String id = idOf(dialect, props);
    if (id != null) {
      dialects.put(id, dialect);
      LOG.info("Dialect '{}' is available", id);
    }
  }

  public void removeDialect(Dialect dialect, Map<String, ?> props) {
    String id = idOf(dialect, props);
    // Only remove the mapping if it still points to this instance: a replacement may already be bound.
    if (id != null && dialects.remove(id, dialect)) {
      LOG.info("Dialect '{}' is gone; messages for its partners are held until it returns", id);
    }
  }

  public void addCodec(ProtocolCodec codec) {
    codecs.put(codec.protocol(), codec);
  }

  public void removeCodec(ProtocolCodec codec) {
    codecs.remove(codec.protocol(), codec);
  }

  public void addTransport(Transport transport, Map<String, ?> props) {
    for (String scheme : schemes(props)) {
      transports.put(scheme, transport);
    }
  }

  public void removeTransport(Transport transport, Map<String, ?> props) {
    for (String scheme : schemes(props)) {
      transports.remove(scheme, transport);
    }
  }

  private static String idOf(Dialect dialect, Map<String, ?> props) {
    Object prop = props == null ? null : props.get(Dialect.PROPERTY_ID);
    String id = prop != null ? String.valueOf(prop) : null;
    if (id == null || id.isBlank()) {
      try {
        id = dialect.id();
      } catch (RuntimeException e) {
        LOG.warn("Ignoring a dialect without a {} property", Dialect.PROPERTY_ID, e);
        return null;
      }
    }
    return id == null || id.isBlank() ? null : id.trim();
  }

  private static java.util.List<String> schemes(Map<String, ?> props) {
    Object value = props == null ? null : props.get(Transport.PROPERTY_SCHEME);
    java.util.List<String> out = new java.util.ArrayList<>();
    if (value instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim().toLowerCase(java.util.Locale.ROOT));
        }
      }
    } else if (value instanceof String[] arr) {
      for (String s : arr) {
        out.add(s.trim().toLowerCase(java.util.Locale.ROOT));
      }
    } else if (value instanceof java.util.Collection<?> c) {
      for (Object o : c) {
        out.add(String.valueOf(o).trim().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }
}
