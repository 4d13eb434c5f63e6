package org.illbridge.partners.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link PartnerConfig} as DS would pass it: given values, else the annotation's defaults. */
final class Configs {
  private Configs() {}

  static PartnerConfig of(Map<String, Object> values) {
    Map<String, Object> v = new HashMap<>(values);
    return (PartnerConfig) Proxy.newProxyInstance(PartnerConfig.class.getClassLoader(),
        new Class<?>[] {PartnerConfig.class}, (proxy, method, args) -> {
          if (v.containsKey(method.getName())) {
            return v.get(method.getName());
          }
          Object d = method.getDefaultValue();
          if (d == null) {
            return switch (method.getName()) {
              case "key", "protocol" -> null;
              case "ids" -> new String[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              case "toString" -> "PartnerConfig" + v;
              default -> throw new UnsupportedOperationException(method.getName());
            };
          }
          return d;
        });
  }

  static Map<String, Object> relais() {
    Map<String, Object> m = new HashMap<>();
    m.put("key", "ubc");
    m.put("name", "UBC (Relais)");
    m.put("ids", new String[] {"NUC:BVAU, OTHER:BKU"});
    m.put("protocol", "ISO10161");
    m.put("dialect", "relais");
    m.put("endpoints", new String[] {"tcp://127.0.0.1:5101"});
    m.put("daysToRespond", 7);
    m.put("notesAllowed", false);
    return m;
  }
}
