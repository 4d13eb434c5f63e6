package org.illbridge.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When things happened, by transaction and message: {@code key|type|where} → System.nanoTime of
 * the first occurrence. Matching is done after the run, so arrival order between the REST
 * response, the lender and the webhook does not matter.
 */
final class Events {
  private final Map<String, Long> first = new ConcurrentHashMap<>();
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  void record(String key, String type, String where, long nanos) {
    first.putIfAbsent(key + "|" + type + "|" + where, nanos);
    counts.merge(where + " " + type, 1, Integer::sum);
  }

  Long at(String key, String type, String where) {
    return first.get(key + "|" + type + "|" + where);
  }

  /** How many of each {@code where type} were seen (repeats included). */
  Map<String, Integer> counts() {
    return Map.copyOf(counts);
  }

  int count(String where, String type) {
    return counts.getOrDefault(where + " " + type, 0);
  }
}
