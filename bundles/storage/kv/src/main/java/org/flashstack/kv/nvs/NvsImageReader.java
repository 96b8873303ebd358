package org.flashstack.kv.nvs;

import static org.flashstack.kv.nvs.NvsEntries.*;
import static org.flashstack.kv.nvs.NvsFormat.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an NVS partition image as ESP-IDF's NVS reads one when it initialises, without changing it:
 * pages in the order of their sequence numbers; a page whose header CRC is wrong is corrupt and
 * skipped; an entry whose CRC (or whose data's CRC) is wrong, whose span runs off the page, or
 * whose state is empty while it holds data is skipped as ESP-IDF erases it; of two items with the
 * same namespace and key the later one wins; a version 2 blob is there only with its index and
 * every chunk. Every skip is reported with its page and entry.
 */
public final class NvsImageReader {
  private NvsImageReader() {}

  /**
   * What an image holds.
   *
   * @param namespaces name to index, in index order
   * @param items the values, by namespace index and then key
   * @param problems what was skipped and why, page by page
   * @param pageStates the state of every page, by page index ("ACTIVE", "FULL", ...)
   * @param usedEntries entries written and live
   * @param erasedEntries entries erased (space a reclaim gets back)
   * @param freeEntries entries empty in usable pages
   */
  public record Contents(
      Map<String, Integer> namespaces,
      List<NvsItem> items,
      List<String> problems,
      List<String> pageStates,
      int usedEntries,
      int erasedEntries,
      int freeEntries) {}

  /** An item as found: its place, for "the later one wins". */
  private record Found(
      int sequence,
      int page,
      int entry,
      int namespace,
      NvsType type,
      int chunk,
      String key,
      long integer,
      byte[] bytes,
      int size,
      int chunkCount,
      int chunkStart) {}

  /**
   * @throws NvsException if the image is not a whole number of pages
   */
  public static Contents read(byte[] image) throws NvsException {
    if (image.length == 0 || image.length % PAGE_SIZE != 0) {
      throw new NvsException(
          "ESP_ERR_INVALID_SIZE",
          "an NVS image is a whole number of 4096-byte pages; " + image.length + " bytes is not");
    }
    List<String> problems = new ArrayList<>();
    List<String> states = new ArrayList<>();
    List<int[]> usable = new ArrayList<>(); // {page offset, sequence}
    int free = 0;
    for (int page = 0; page < image.length; page += PAGE_SIZE) {
      int index = page / PAGE_SIZE;
      int state = u32(image, page + HEADER_STATE);
      String name = stateName(state);
      if (state == PAGE_EMPTY) {
        states.add(name);
        continue;
      }
      if (state != PAGE_ACTIVE && state != PAGE_FULL && state != PAGE_FREEING) {
        states.add(name);
        problems.add(String.format("page %d: state %s (0x%08x), skipped", index, name, state));
        continue;
      }
      if (u32(image, page + HEADER_CRC) != headerCrc(image, page)) {
        states.add("CORRUPT");
        problems.add(
            String.format("page %d: header CRC mismatch, the page is corrupt and skipped", index));
        continue;
      }
      int version = u8(image, page + HEADER_VERSION);
      if (version != VERSION_2 && version != VERSION_1) {
        states.add("CORRUPT");
        problems.add(
            String.format(
                "page %d: format version byte 0x%02x is not 1 or 2, skipped", index, version));
        continue;
      }
      states.add(name);
      usable.add(new int[] {page, u32(image, page + HEADER_SEQUENCE)});
    }
    usable.sort(Comparator.comparingLong(p -> p[1] & 0xffffffffL));
    List<Found> found = new ArrayList<>();
    int used = 0;
    int erased = 0;
    for (int[] p : usable) {
      int page = p[0];
      int index = page / PAGE_SIZE;
      int entry = 0;
      while (entry < ENTRY_COUNT) {
        int state = entryState(image, page, entry);
        int at = entryOffset(page, entry);
        if (state == ENTRY_EMPTY) {
          if (!allErased(image, at, ENTRY_SIZE)) {
            problems.add(
                String.format(
                    "page %d entry %d: empty in the bitmap but holds data (a write cut short), skipped",
                    index, entry));
            erased++;
          } else {
            free++;
          }
          entry++;
          continue;
        }
        if (state != ENTRY_WRITTEN) {
          erased++;
          entry++;
          continue;
        }
        int span = u8(image, at + ITEM_SPAN);
        if (u32(image, at + ITEM_CRC) != entryCrc(image, at)) {
          problems.add(
              String.format("page %d entry %d: entry CRC mismatch, skipped", index, entry));
          erased++;
          entry++;
          continue;
        }
        if (span < 1 || entry + span > ENTRY_COUNT) {
          problems.add(
              String.format(
                  "page %d entry %d: span %d runs off the page, skipped", index, entry, span));
          erased++;
          entry++;
          continue;
        }
        Found item = item(image, page, entry, p[1], problems);
        if (item != null) {
          found.add(item);
          used += span;
        } else {
          erased += span;
        }
        entry += span;
      }
    }
    return assemble(found, problems, states, used, erased, free);
  }

  private static Found item(
      byte[] image, int page, int entry, int sequence, List<String> problems) {
    int at = entryOffset(page, entry);
    int index = page / PAGE_SIZE;
    int namespace = u8(image, at + ITEM_NAMESPACE);
    int code = u8(image, at + ITEM_TYPE);
    NvsType type = NvsType.of(code);
    String key = key(image, at);
    if (type == null || key == null) {
      problems.add(
          String.format(
              "page %d entry %d: %s, skipped",
              index, entry, type == null ? String.format("unknown type 0x%02x", code) : "bad key"));
      return null;
    }
    int chunk = u8(image, at + ITEM_CHUNK_INDEX);
    if (type.isInteger()) {
      long value = 0;
      for (int i = 0; i < type.width(); i++) {
        value |= (long) u8(image, at + ITEM_DATA + i) << (8 * i);
      }
      if (type.isSigned() && type.width() < 8) {
        int shift = 64 - 8 * type.width();
        value = (value << shift) >> shift;
      }
      return new Found(sequence, page, entry, namespace, type, chunk, key, value, null, 0, 0, 0);
    }
    if (type == NvsType.BLOB_INDEX) {
      return new Found(
          sequence,
          page,
          entry,
          namespace,
          type,
          chunk,
          key,
          0,
          null,
          u32(image, at + BLOB_INDEX_SIZE),
          u8(image, at + BLOB_INDEX_CHUNK_COUNT),
          u8(image, at + BLOB_INDEX_CHUNK_START));
    }
    int size = u16(image, at + VARIABLE_SIZE);
    int span = u8(image, at + ITEM_SPAN);
    if (span(size) != span) {
      problems.add(
          String.format(
              "page %d entry %d: %d data bytes need span %d, the entry says %d, skipped",
              index, entry, size, span(size), span));
      return null;
    }
    byte[] data = new byte[size];
    System.arraycopy(image, at + ENTRY_SIZE, data, 0, size);
    if (NvsCrc32.of(data, 0, size) != u32(image, at + VARIABLE_DATA_CRC)) {
      problems.add(
          String.format("page %d entry %d: data CRC mismatch, '%s' skipped", index, entry, key));
      return null;
    }
    return new Found(sequence, page, entry, namespace, type, chunk, key, 0, data, size, 0, 0);
  }

  private static Contents assemble(
      List<Found> found,
      List<String> problems,
      List<String> states,
      int used,
      int erased,
      int free) {
    Map<Integer, String> names = new LinkedHashMap<>();
    Map<String, Found> latest = new LinkedHashMap<>();
    for (Found item : found) {
      if (item.namespace() == NAMESPACE_TABLE) {
        if (item.type() == NvsType.U8) {
          names.put((int) item.integer(), item.key());
        }
        continue;
      }
      String slot =
          item.namespace()
              + "/"
              + item.key()
              + (item.type() == NvsType.BLOB_DATA ? "#" + item.chunk() : "");
      latest.remove(slot);
      latest.put(slot, item); // the later one wins
    }
    List<NvsItem> items = new ArrayList<>();
    for (Found item : latest.values()) {
      String namespace = names.get(item.namespace());
      if (namespace == null) {
        problems.add(
            String.format(
                "'%s' is in namespace %d, which no namespace entry names, skipped",
                item.key(), item.namespace()));
        continue;
      }
      switch (item.type()) {
        case BLOB_DATA -> {} // gathered by their index
        case BLOB_INDEX -> {
          byte[] blob = blob(item, latest, problems);
          if (blob != null) {
            items.add(new NvsItem(namespace, item.key(), NvsType.BLOB_DATA, 0, blob));
          }
        }
        case STRING -> {
          byte[] text = item.bytes();
          int end = text.length > 0 && text[text.length - 1] == 0 ? text.length - 1 : text.length;
          items.add(
              new NvsItem(
                  namespace, item.key(), NvsType.STRING, 0, java.util.Arrays.copyOf(text, end)));
        }
        case BLOB ->
            items.add(new NvsItem(namespace, item.key(), NvsType.BLOB_DATA, 0, item.bytes()));
        default -> items.add(new NvsItem(namespace, item.key(), item.type(), item.integer(), null));
      }
    }
    Map<String, Integer> namespaces = new LinkedHashMap<>();
    names.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> namespaces.put(e.getValue(), e.getKey()));
    return new Contents(namespaces, items, problems, states, used, erased, free);
  }

  private static byte[] blob(Found index, Map<String, Found> latest, List<String> problems) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < index.chunkCount(); i++) {
      Found chunk =
          latest.get(index.namespace() + "/" + index.key() + "#" + (index.chunkStart() + i));
      if (chunk == null) {
        problems.add(
            String.format(
                "blob '%s': chunk %d of %d is missing, the blob is incomplete and skipped",
                index.key(), i, index.chunkCount()));
        return null;
      }
      out.writeBytes(chunk.bytes());
    }
    if (out.size() != index.size()) {
      problems.add(
          String.format(
              "blob '%s': its chunks hold %d bytes, its index says %d; skipped",
              index.key(), out.size(), index.size()));
      return null;
    }
    return out.toByteArray();
  }

  private static boolean allErased(byte[] image, int at, int length) {
    for (int i = at; i < at + length; i++) {
      if (image[i] != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  static String stateName(int state) {
    return switch (state) {
      case PAGE_EMPTY -> "EMPTY";
      case PAGE_ACTIVE -> "ACTIVE";
      case PAGE_FULL -> "FULL";
      case PAGE_FREEING -> "FREEING";
      case PAGE_CORRUPT -> "CORRUPT";
      default -> "INVALID";
    };
  }
}
