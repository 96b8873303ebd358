package org.flashstack.api.kv;

import java.util.Map;

/**
 * A store's statistics, as {@code nvs_get_stats} gives them, and what writing cost.
 *
 * @param usedEntries 32-byte entries holding live values
 * @param freeEntries entries free, or erased and to be won back by a reclaim
 * @param totalEntries entries of every page but the one kept free for reclaiming
 * @param namespaceCount namespaces
 * @param entriesPerNamespace live entries of each namespace
 * @param bytesProgrammed bytes programmed into the flash since the store opened
 * @param pageErases pages erased since the store opened
 */
public record KvStatistics(
    int usedEntries,
    int freeEntries,
    int totalEntries,
    int namespaceCount,
    Map<String, Integer> entriesPerNamespace,
    long bytesProgrammed,
    long pageErases) {

  /** Copies the map. */
  public KvStatistics {
    entriesPerNamespace = Map.copyOf(entriesPerNamespace);
  }
}
