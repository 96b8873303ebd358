package org.flashstack.memprog.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashstack.api.device.ByteSizes;

/**
 * A transport URI's location split once for every scheme: {@code <where>?key=number&key=number},
 * the numbers as people write them ({@code 0x20000000}, {@code 64K}).
 *
 * @param where what comes before {@code ?}
 * @param numbers the query's values by key
 */
public record LinkLocation(String where, Map<String, Long> numbers) {

  /**
   * Splits {@code location} of scheme {@code scheme}.
   *
   * @param keys the keys the scheme knows
   * @param syntax what a location looks like, for messages
   * @throws IllegalArgumentException for a key the scheme does not know or a value that is not a
   *     number, naming it and showing {@code syntax}
   */
  public static LinkLocation parse(
      String location, String scheme, List<String> keys, String syntax) {
    int query = location.indexOf('?');
    String where = query < 0 ? location : location.substring(0, query);
    Map<String, Long> numbers = new HashMap<>();
    if (query >= 0) {
      for (String pair : location.substring(query + 1).split("&")) {
        int equals = pair.indexOf('=');
        String key = equals < 0 ? pair : pair.substring(0, equals);
        if (!keys.contains(key)) {
          throw new IllegalArgumentException(
              scheme
                  + ": knows "
                  + String.join("= and ", keys)
                  + "=, not '"
                  + key
                  + "', as in "
                  + syntax);
        }
        numbers.put(
            key,
            ByteSizes.parse(equals < 0 ? "" : pair.substring(equals + 1), scheme + ": " + key));
      }
    }
    return new LinkLocation(where, Map.copyOf(numbers));
  }

  /**
   * @return the value of {@code key}, or {@code otherwise} if the location has none
   */
  public long number(String key, long otherwise) {
    Long value = numbers.get(key);
    return value == null ? otherwise : value;
  }
}
