package org.flashstack.kv.nvs;

import static org.flashstack.kv.nvs.NvsEntries.*;
import static org.flashstack.kv.nvs.NvsFormat.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live NVS store on flash, keeping the ESP-IDF format and following the rules ESP-IDF's NVS
 * follows when it writes, so that what it writes ESP-IDF reads and what an interrupted write leaves
 * behind is recovered as ESP-IDF recovers it.
 *
 * <ul>
 *   <li>A value is written whole into the active page (its entries first, then their state bits set
 *       to written), and only then is the value it replaces erased (its state bits cleared): a cut
 *       in between leaves two, and the later one wins.
 *   <li>A value equal to the stored one is not written again.
 *   <li>A blob is written as chunks of a new version (chunk indexes from 0x00 or 0x80, the other of
 *       the stored blob's), then its index; then the old index and the old chunks are erased.
 *   <li>When the active page is full the next empty page becomes active; one empty page is always
 *       kept. When only that one is left, the full page with the most erased entries is reclaimed:
 *       marked freeing, its live values copied to the kept page (now active), then erased.
 *   <li>Opening repairs what a cut left: entries holding data but still marked empty, entries whose
 *       CRC or data CRC is wrong, the older of two copies, blob chunks no index wants and indexes
 *       whose chunks are not all there are erased; a freeing page has its move finished; a page
 *       whose header is damaged is erased.
 * </ul>
 *
 * Not thread-safe: the component serialises calls.
 */
public final class NvsStore {

  private final NvsFlash flash;
  private final int pages;
  private final byte[] image;
  private final int[] nextFree;
  private final Map<String, Integer> namespaces = new TreeMap<>();
  private final Map<Slot, Location> items = new LinkedHashMap<>();
  private int active = -1;

  /**
   * The empty pages in the order they are to be used: a reclaimed page goes to the back, so that
   * every page takes its turn and erases spread over all of them.
   */
  private final java.util.ArrayDeque<Integer> free = new java.util.ArrayDeque<>();

  private int nextSequence;
  private long bytesProgrammed;
  private long pageErases;

  /** Where an item lives: namespace, key and blob chunk index (0xFF for other items). */
  private record Slot(int namespace, String key, int chunk) {}

  /** An item's entries. */
  private record Location(int page, int entry, int span, NvsType type) {}

  private NvsStore(NvsFlash flash) {
    this.flash = flash;
    this.pages = flash.pageCount();
    this.image = new byte[pages * PAGE_SIZE];
    this.nextFree = new int[pages];
  }

  /**
   * Opens the store on {@code flash}, repairing what an interrupted write left (see the class
   * comment).
   *
   * @throws NvsException if the flash has fewer than three pages
   * @throws IOException if the flash fails
   */
  public static NvsStore open(NvsFlash flash) throws IOException, NvsException {
    if (flash.pageCount() < 3) {
      throw new NvsException(
          "ESP_ERR_NVS_NO_FREE_PAGES",
          "an NVS partition needs at least 3 pages of 4 KiB; this one has " + flash.pageCount());
    }
    NvsStore store = new NvsStore(flash);
    store.load();
    return store;
  }

  // ---- flash, through the mirror

  private void program(int offset, byte[] data) throws IOException {
    flash.program(offset, data, 0, data.length);
    for (int i = 0; i < data.length; i++) {
      image[offset + i] &= data[i];
    }
    bytesProgrammed += data.length;
  }

  private void erase(int page) throws IOException {
    free.remove(page);
    flash.erasePage(page);
    Arrays.fill(image, page * PAGE_SIZE, (page + 1) * PAGE_SIZE, (byte) 0xff);
    nextFree[page] = 0;
    pageErases++;
    free.addLast(page);
  }

  private int state(int page) {
    return u32(image, page * PAGE_SIZE + HEADER_STATE);
  }

  private void setState(int page, int state) throws IOException {
    byte[] word = new byte[4];
    put32(word, 0, state);
    program(page * PAGE_SIZE + HEADER_STATE, word);
  }

  /** Sets entries {@code [entry, entry + span)} of {@code page} to {@code state} in the bitmap. */
  private void setEntries(int page, int entry, int span, int state) throws IOException {
    int base = page * PAGE_SIZE + BITMAP_OFFSET;
    int first = entry / 4;
    int last = (entry + span - 1) / 4;
    byte[] bytes = Arrays.copyOfRange(image, base + first, base + last + 1);
    for (int e = entry; e < entry + span; e++) {
      int shift = 2 * (e % 4);
      int at = e / 4 - first;
      bytes[at] = (byte) ((bytes[at] & ~(0b11 << shift)) | (state << shift));
    }
    program(base + first, bytes);
  }

  // ---- opening

  private void load() throws IOException, NvsException {
    flash.read(0, image, 0, image.length);
    List<Integer> usable = new ArrayList<>();
    int maxSequence = -1;
    for (int page = 0; page < pages; page++) {
      int at = page * PAGE_SIZE;
      int state = state(page);
      boolean headerGood =
          u32(image, at + HEADER_CRC) == headerCrc(image, at)
              && (u8(image, at + HEADER_VERSION) == VERSION_2
                  || u8(image, at + HEADER_VERSION) == VERSION_1);
      if (state == PAGE_EMPTY) {
        if (!erased(at, PAGE_SIZE)) {
          erase(page); // a page whose initialisation was cut short
        }
      } else if ((state == PAGE_ACTIVE || state == PAGE_FULL || state == PAGE_FREEING)
          && headerGood) {
        usable.add(page);
        maxSequence = Math.max(maxSequence, u32(image, at + HEADER_SEQUENCE));
      } else {
        erase(page); // corrupt or invalid: nothing in it can be trusted
      }
    }
    nextSequence = maxSequence + 1;
    // the empty pages, to be used in turn starting after the newest page
    free.clear();
    int newest = -1;
    long newestSequence = -1;
    for (int page : usable) {
      long sequence = u32(image, page * PAGE_SIZE + HEADER_SEQUENCE) & 0xffffffffL;
      if (sequence > newestSequence) {
        newestSequence = sequence;
        newest = page;
      }
    }
    for (int i = 1; i <= pages; i++) {
      int page = (newest + i + pages) % pages;
      if (state(page) == PAGE_EMPTY) {
        free.addLast(page);
      }
    }
    usable.sort(
        Comparator.comparingLong(p -> u32(image, p * PAGE_SIZE + HEADER_SEQUENCE) & 0xffffffffL));
    for (int page : usable) {
      scan(page);
    }
    for (int page : usable) {
      if (state(page) == PAGE_FREEING) {
        finishFreeing(page);
      }
    }
    dropBrokenBlobs();
    for (Map.Entry<Slot, Location> item : items.entrySet()) {
      if (item.getKey().namespace() == NAMESPACE_TABLE && item.getValue().type() == NvsType.U8) {
        Location at = item.getValue();
        namespaces.put(
            item.getKey().key(),
            u8(image, entryOffset(at.page() * PAGE_SIZE, at.entry()) + ITEM_DATA));
      }
    }
    // the active page: the newest active one; older ones become full
    for (int page : usable) {
      if (state(page) == PAGE_ACTIVE) {
        if (active >= 0) {
          setState(active, PAGE_FULL);
        }
        active = page;
      }
    }
    if (active < 0) {
      // no active page (a cut came as the last one was marked full): one empty page must stay
      // free for reclaiming, so reclaim now if that one is all there is
      if (emptyPages() > 1 || (emptyPages() == 1 && reclaimVictim() < 0)) {
        active = takeEmptyPage();
      } else if (emptyPages() == 1) {
        reclaim("opening");
      } else {
        throw new NvsException(
            "ESP_ERR_NVS_NO_FREE_PAGES",
            "no empty page and no active one: the partition must be erased (nvs_flash_erase)");
      }
    }
  }

  private boolean erased(int at, int length) {
    for (int i = at; i < at + length; i++) {
      if (image[i] != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  /** Reads one page's entries into the index, erasing what a cut left. */
  private void scan(int page) throws IOException {
    int base = page * PAGE_SIZE;
    int entry = 0;
    int last = -1;
    while (entry < ENTRY_COUNT) {
      int state = entryState(image, base, entry);
      int at = entryOffset(base, entry);
      if (state == ENTRY_EMPTY) {
        if (!erased(at, ENTRY_SIZE)) {
          setEntries(page, entry, 1, ENTRY_ERASED); // written, but its state never was
          last = entry;
        }
        entry++;
        continue;
      }
      last = entry;
      if (state != ENTRY_WRITTEN) {
        entry++;
        continue;
      }
      int span = u8(image, at + ITEM_SPAN);
      NvsType type = NvsType.of(u8(image, at + ITEM_TYPE));
      String key = key(image, at);
      if (u32(image, at + ITEM_CRC) != entryCrc(image, at)
          || span < 1
          || entry + span > ENTRY_COUNT
          || type == null
          || key == null
          || !dataGood(at, type, span)) {
        setEntries(page, entry, 1, ENTRY_ERASED);
        entry++;
        continue;
      }
      Slot slot = new Slot(u8(image, at + ITEM_NAMESPACE), key, slotChunk(at, type));
      Location older = items.put(slot, new Location(page, entry, span, type));
      if (older != null) {
        setEntries(older.page(), older.entry(), older.span(), ENTRY_ERASED); // the later one wins
      }
      last = entry + span - 1;
      entry += span;
    }
    nextFree[page] = last + 1;
  }

  private int slotChunk(int at, NvsType type) {
    return type == NvsType.BLOB_DATA ? u8(image, at + ITEM_CHUNK_INDEX) : CHUNK_ANY;
  }

  private boolean dataGood(int at, NvsType type, int span) {
    if (type.isInteger() || type == NvsType.BLOB_INDEX) {
      return span == 1;
    }
    int size = u16(image, at + VARIABLE_SIZE);
    return span(size) == span
        && NvsCrc32.of(image, at + ENTRY_SIZE, size) == u32(image, at + VARIABLE_DATA_CRC);
  }

  /** A reclaim was cut short: copy what is still live in the page, then erase it. */
  private void finishFreeing(int page) throws IOException, NvsException {
    if (active < 0 || active == page) {
      active = -1;
      for (int p = 0; p < pages; p++) {
        if (p != page && state(p) == PAGE_ACTIVE) {
          active = p;
        }
      }
      if (active < 0) {
        if (emptyPages() == 0) {
          throw new NvsException(
              "ESP_ERR_NVS_NO_FREE_PAGES",
              "page " + page + " was being reclaimed and no page is free to finish it");
        }
        active = takeEmptyPage();
      }
    }
    moveLiveItems(page);
    erase(page);
  }

  private void moveLiveItems(int page) throws IOException, NvsException {
    List<Map.Entry<Slot, Location>> live = new ArrayList<>();
    for (Map.Entry<Slot, Location> item : items.entrySet()) {
      if (item.getValue().page() == page) {
        live.add(item);
      }
    }
    for (Map.Entry<Slot, Location> item : live) {
      Location from = item.getValue();
      int at = entryOffset(page * PAGE_SIZE, from.entry());
      byte[] entries = Arrays.copyOfRange(image, at, at + from.span() * ENTRY_SIZE);
      Location to = append(entries, from.span(), false);
      items.put(item.getKey(), to);
    }
  }

  /** Blob chunks that no complete index wants, and indexes missing chunks, are erased. */
  private void dropBrokenBlobs() throws IOException {
    List<Slot> drop = new ArrayList<>();
    Map<String, int[]> wanted = new LinkedHashMap<>(); // blob -> {chunkStart, count}
    for (Map.Entry<Slot, Location> item : items.entrySet()) {
      if (item.getValue().type() != NvsType.BLOB_INDEX) {
        continue;
      }
      Slot slot = item.getKey();
      int o = offset(item.getValue());
      int start = u8(image, o + BLOB_INDEX_CHUNK_START);
      int count = u8(image, o + BLOB_INDEX_CHUNK_COUNT);
      List<Location> chunks = chunks(slot.namespace(), slot.key(), start, count);
      long size = 0;
      for (Location chunk : chunks) {
        size += u16(image, offset(chunk) + VARIABLE_SIZE);
      }
      if (chunks.size() != count || size != (u32(image, o + BLOB_INDEX_SIZE) & 0xffffffffL)) {
        drop.add(slot);
      } else {
        wanted.put(slot.namespace() + "/" + slot.key(), new int[] {start, count});
      }
    }
    for (Map.Entry<Slot, Location> item : items.entrySet()) {
      Slot slot = item.getKey();
      if (item.getValue().type() == NvsType.BLOB_DATA) {
        int[] range = wanted.get(slot.namespace() + "/" + slot.key());
        if (range == null || slot.chunk() < range[0] || slot.chunk() >= range[0] + range[1]) {
          drop.add(slot);
        }
      }
    }
    for (Slot slot : drop) {
      Location at = items.remove(slot);
      setEntries(at.page(), at.entry(), at.span(), ENTRY_ERASED);
    }
  }

  private static int offset(Location location) {
    return entryOffset(location.page() * PAGE_SIZE, location.entry());
  }

  // ---- pages

  private int emptyPages() {
    return free.size();
  }

  private int takeEmptyPage() throws IOException {
    Integer next = free.pollFirst();
    if (next == null) {
      throw new IllegalStateException("no empty page");
    }
    int page = next;
    byte[] header = new byte[ENTRY_SIZE];
    Arrays.fill(header, (byte) 0xff);
    put32(header, HEADER_STATE, PAGE_ACTIVE);
    put32(header, HEADER_SEQUENCE, nextSequence++);
    header[HEADER_VERSION] = (byte) VERSION_2;
    put32(header, HEADER_CRC, NvsCrc32.of(header, HEADER_SEQUENCE, HEADER_CRC - HEADER_SEQUENCE));
    program(page * PAGE_SIZE, header);
    nextFree[page] = 0;
    return page;
  }

  /** Makes room for {@code span} entries in the active page: a new page, reclaiming if needed. */
  private void makeRoom(int span, String what) throws IOException, NvsException {
    if (ENTRY_COUNT - nextFree[active] >= span) {
      return;
    }
    if (emptyPages() <= 1 && reclaimable() < span) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
          String.format(
              "%s needs %d entries; %d can be won back (the partition is full of live values)",
              what, span, reclaimable()));
    }
    for (int tries = 0; ENTRY_COUNT - nextFree[active] < span; tries++) {
      if (tries > pages) {
        throw new NvsException(
            "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
            what + " needs " + span + " entries in one page and no page can be made that empty");
      }
      if (emptyPages() > 1) {
        setState(active, PAGE_FULL);
        active = takeEmptyPage();
      } else {
        reclaim(what);
      }
    }
  }

  /** Entries a reclaim of every page could win back, and what the active page has free. */
  private int reclaimable() {
    int entries = ENTRY_COUNT - nextFree[active];
    for (int page = 0; page < pages; page++) {
      if (page != active && state(page) == PAGE_FULL) {
        entries += erasedEntries(page);
      }
    }
    for (int entry = 0; entry < nextFree[active]; entry++) {
      if (entryState(image, active * PAGE_SIZE, entry) == ENTRY_ERASED) {
        entries++;
      }
    }
    return entries;
  }

  /**
   * The full page with the most erased entries, the oldest (lowest sequence number) of those that
   * tie, so that pages take turns; or the active one if only it has some; -1.
   */
  private int reclaimVictim() {
    int victim = -1;
    int most = 0;
    long oldest = Long.MAX_VALUE;
    for (int page = 0; page < pages; page++) {
      if (page != active && state(page) == PAGE_FULL) {
        int erased = erasedEntries(page);
        long sequence = u32(image, page * PAGE_SIZE + HEADER_SEQUENCE) & 0xffffffffL;
        if (erased > most || (erased == most && erased > 0 && sequence < oldest)) {
          most = erased;
          oldest = sequence;
          victim = page;
        }
      }
    }
    if (victim < 0 && active >= 0 && erasedEntries(active) > 0) {
      victim = active; // only the active page has space to win back
    }
    return victim;
  }

  /** Reclaims the victim page into the kept empty page. */
  private void reclaim(String what) throws IOException, NvsException {
    int victim = reclaimVictim();
    if (victim < 0 || emptyPages() == 0) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_ENOUGH_SPACE",
          what + " does not fit: every page is full of live values");
    }
    if (active >= 0 && victim != active) {
      setState(active, PAGE_FULL);
    }
    setState(victim, PAGE_FREEING);
    active = takeEmptyPage();
    moveLiveItems(victim);
    erase(victim);
  }

  private int erasedEntries(int page) {
    int count = 0;
    for (int entry = 0; entry < nextFree[page]; entry++) {
      if (entryState(image, page * PAGE_SIZE, entry) == ENTRY_ERASED) {
        count++;
      }
    }
    return count + (ENTRY_COUNT - nextFree[page]) * (state(page) == PAGE_FULL ? 1 : 0);
  }

  /**
   * Writes {@code span} entries into the active page: the entries, then their state bits.
   *
   * @param makeRoom whether to find room first (moves during a reclaim always fit)
   */
  private Location append(byte[] entries, int span, boolean makeRoom)
      throws IOException, NvsException {
    if (makeRoom) {
      makeRoom(span, "the value");
    }
    int page = active;
    int entry = nextFree[page];
    program(entryOffset(page * PAGE_SIZE, entry), entries);
    setEntries(page, entry, span, ENTRY_WRITTEN);
    nextFree[page] = entry + span;
    return new Location(page, entry, span, NvsType.of(u8(entries, ITEM_TYPE)));
  }

  // ---- the API

  /**
   * @return the namespaces, name to index
   */
  public Map<String, Integer> namespaces() {
    return Map.copyOf(namespaces);
  }

  private int namespace(String name, boolean create) throws IOException, NvsException {
    NvsImageBuilder.checkKey(name, "namespace");
    Integer index = namespaces.get(name);
    if (index != null) {
      return index;
    }
    if (!create) {
      throw new NvsException("ESP_ERR_NVS_NOT_FOUND", "no namespace '" + name + "'");
    }
    if (namespaces.size() >= MAX_NAMESPACES) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_ENOUGH_SPACE", "namespace '" + name + "': there are already 254");
    }
    int next = 1;
    while (namespaces.containsValue(next)) {
      next++;
    }
    byte[] entry = entry(NAMESPACE_TABLE, NvsType.U8, 1, CHUNK_ANY, name, new byte[] {(byte) next});
    items.put(new Slot(NAMESPACE_TABLE, name, CHUNK_ANY), append(entry, 1, true));
    namespaces.put(name, next);
    return next;
  }

  /** Sets an integer value, creating the namespace if needed. */
  public void setInteger(String namespace, String key, NvsType type, long value)
      throws IOException, NvsException {
    NvsImageBuilder.checkKey(key, "key");
    if (!type.isInteger()) {
      throw new NvsException("ESP_ERR_NVS_TYPE_MISMATCH", type + " is not an integer type");
    }
    NvsImageBuilder.checkRange(key, type, value);
    int ns = namespace(namespace, true);
    byte[] data = new byte[type.width()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (value >>> (8 * i));
    }
    byte[] entry = entry(ns, type, 1, CHUNK_ANY, key, data);
    replace(new Slot(ns, key, CHUNK_ANY), entry, 1);
  }

  /** Sets a string value (stored with its NUL), creating the namespace if needed. */
  public void setString(String namespace, String key, String value)
      throws IOException, NvsException {
    NvsImageBuilder.checkKey(key, "key");
    byte[] data = NvsImageBuilder.stringData(key, value);
    int ns = namespace(namespace, true);
    replace(
        new Slot(ns, key, CHUNK_ANY),
        withData(
            NvsImageBuilder.variable(ns, NvsType.STRING, CHUNK_ANY, key, data, 0, data.length),
            data,
            0,
            data.length),
        span(data.length));
  }

  private static byte[] withData(byte[] header, byte[] data, int from, int length) {
    int span = span(length);
    byte[] entries = new byte[span * ENTRY_SIZE];
    Arrays.fill(entries, (byte) 0xff);
    System.arraycopy(header, 0, entries, 0, ENTRY_SIZE);
    System.arraycopy(data, from, entries, ENTRY_SIZE, length);
    return entries;
  }

  /** Writes the new item, then erases the one it replaces, unless they are equal. */
  private void replace(Slot slot, byte[] entries, int span) throws IOException, NvsException {
    Location old = items.get(slot);
    if (old != null && old.type() != NvsType.BLOB_INDEX) {
      int at = entryOffset(old.page() * PAGE_SIZE, old.entry());
      if (old.span() == span
          && Arrays.equals(image, at, at + span * ENTRY_SIZE, entries, 0, entries.length)) {
        return; // the same value: nothing written
      }
    }
    int oldStart = -1;
    int oldCount = 0;
    if (old != null && old.type() == NvsType.BLOB_INDEX) {
      // a blob replaced by another type: its chunks go too, but only once the new value is in
      oldStart = u8(image, offset(old) + BLOB_INDEX_CHUNK_START);
      oldCount = u8(image, offset(old) + BLOB_INDEX_CHUNK_COUNT);
    }
    Location written = append(entries, span, true);
    old = items.put(slot, written);
    if (old != null) {
      setEntries(old.page(), old.entry(), old.span(), ENTRY_ERASED);
    }
    if (oldStart >= 0) {
      eraseChunks(slot.namespace(), slot.key(), oldStart, oldCount);
    }
  }

  /** Sets a blob: new chunks, their index, then the old index and chunks erased. */
  public void setBlob(String namespace, String key, byte[] value) throws IOException, NvsException {
    NvsImageBuilder.checkKey(key, "key");
    if (value.length > MAX_BLOB_SIZE) {
      throw new NvsException(
          "ESP_ERR_NVS_VALUE_TOO_LONG",
          String.format("blob '%s' has %d bytes; NVS allows %d", key, value.length, MAX_BLOB_SIZE));
    }
    int ns = namespace(namespace, true);
    Slot indexSlot = new Slot(ns, key, CHUNK_ANY);
    Location oldIndex = items.get(indexSlot);
    int oldStart = -1;
    int oldCount = 0;
    if (oldIndex != null && oldIndex.type() == NvsType.BLOB_INDEX) {
      int at = entryOffset(oldIndex.page() * PAGE_SIZE, oldIndex.entry());
      oldStart = u8(image, at + BLOB_INDEX_CHUNK_START);
      oldCount = u8(image, at + BLOB_INDEX_CHUNK_COUNT);
      byte[] stored = blob(ns, key, oldStart, oldCount);
      if (stored != null && Arrays.equals(stored, value)) {
        return;
      }
    }
    int start = oldStart == BLOB_VERSION_0 ? BLOB_VERSION_1 : BLOB_VERSION_0;
    int done = 0;
    int count = 0;
    do {
      if (ENTRY_COUNT - nextFree[active] < 2) {
        makeRoom(2, "blob '" + key + "'");
      }
      int room = (ENTRY_COUNT - nextFree[active] - 1) * ENTRY_SIZE;
      int length = Math.min(room, value.length - done);
      byte[] header =
          NvsImageBuilder.variable(ns, NvsType.BLOB_DATA, start + count, key, value, done, length);
      Location chunk = append(withData(header, value, done, length), span(length), false);
      Location stale = items.put(new Slot(ns, key, start + count), chunk);
      if (stale != null) {
        setEntries(stale.page(), stale.entry(), stale.span(), ENTRY_ERASED);
      }
      done += length;
      count++;
    } while (done < value.length);
    byte[] index = new byte[8];
    put32(index, 0, value.length);
    index[4] = (byte) count;
    index[5] = (byte) start;
    put16(index, 6, 0xffff);
    Location written = append(entry(ns, NvsType.BLOB_INDEX, 1, CHUNK_ANY, key, index), 1, true);
    Location old = items.put(indexSlot, written);
    if (old != null) {
      setEntries(old.page(), old.entry(), old.span(), ENTRY_ERASED);
    }
    if (oldStart >= 0) {
      eraseChunks(ns, key, oldStart, oldCount);
    }
  }

  private void eraseBlob(int ns, String key) throws IOException {
    Location index = items.remove(new Slot(ns, key, CHUNK_ANY));
    int at = entryOffset(index.page() * PAGE_SIZE, index.entry());
    int start = u8(image, at + BLOB_INDEX_CHUNK_START);
    int count = u8(image, at + BLOB_INDEX_CHUNK_COUNT);
    setEntries(index.page(), index.entry(), 1, ENTRY_ERASED);
    eraseChunks(ns, key, start, count);
  }

  private void eraseChunks(int ns, String key, int start, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Location chunk = items.remove(new Slot(ns, key, start + i));
      if (chunk != null) {
        setEntries(chunk.page(), chunk.entry(), chunk.span(), ENTRY_ERASED);
      }
    }
  }

  /** The live chunks {@code [start, start + count)} of a blob, in chunk order. */
  private List<Location> chunks(int ns, String key, int start, int count) {
    List<Location> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Location chunk = items.get(new Slot(ns, key, start + i));
      if (chunk != null) {
        list.add(chunk);
      }
    }
    return list;
  }

  private byte[] blob(int ns, String key, int start, int count) {
    List<Location> chunks = chunks(ns, key, start, count);
    if (chunks.size() != count) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Location chunk : chunks) {
      int at = entryOffset(chunk.page() * PAGE_SIZE, chunk.entry());
      out.write(image, at + ENTRY_SIZE, u16(image, at + VARIABLE_SIZE));
    }
    return out.toByteArray();
  }

  /**
   * @return the value of {@code key}: an {@link NvsItem}
   * @throws NvsException ESP_ERR_NVS_NOT_FOUND if there is none
   */
  public NvsItem get(String namespace, String key) throws IOException, NvsException {
    int ns = namespace(namespace, false);
    Location at = items.get(new Slot(ns, key, CHUNK_ANY));
    if (at == null) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_FOUND", "no key '" + key + "' in namespace '" + namespace + "'");
    }
    return item(namespace, ns, key, at);
  }

  private NvsItem item(String namespace, int ns, String key, Location location) {
    int at = entryOffset(location.page() * PAGE_SIZE, location.entry());
    NvsType type = location.type();
    if (type.isInteger()) {
      long value = 0;
      for (int i = 0; i < type.width(); i++) {
        value |= (long) u8(image, at + ITEM_DATA + i) << (8 * i);
      }
      if (type.isSigned() && type.width() < 8) {
        int shift = 64 - 8 * type.width();
        value = (value << shift) >> shift;
      }
      return new NvsItem(namespace, key, type, value, null);
    }
    if (type == NvsType.BLOB_INDEX) {
      byte[] blob =
          blob(
              ns,
              key,
              u8(image, at + BLOB_INDEX_CHUNK_START),
              u8(image, at + BLOB_INDEX_CHUNK_COUNT));
      return new NvsItem(namespace, key, NvsType.BLOB_DATA, 0, blob);
    }
    int size = u16(image, at + VARIABLE_SIZE);
    byte[] data = Arrays.copyOfRange(image, at + ENTRY_SIZE, at + ENTRY_SIZE + size);
    if (type == NvsType.STRING) {
      int end = size > 0 && data[size - 1] == 0 ? size - 1 : size;
      return new NvsItem(namespace, key, NvsType.STRING, 0, Arrays.copyOf(data, end));
    }
    return new NvsItem(namespace, key, NvsType.BLOB_DATA, 0, data);
  }

  /**
   * @return every value, of one namespace or (null) of all, by namespace and key
   */
  public List<NvsItem> list(String namespace) throws IOException, NvsException {
    List<NvsItem> list = new ArrayList<>();
    for (Map.Entry<String, Integer> ns : namespaces.entrySet()) {
      if (namespace != null && !namespace.equals(ns.getKey())) {
        continue;
      }
      List<String> keys = new ArrayList<>();
      for (Map.Entry<Slot, Location> item : items.entrySet()) {
        if (item.getKey().namespace() == ns.getValue() && item.getKey().chunk() == CHUNK_ANY) {
          keys.add(item.getKey().key());
        }
      }
      keys.sort(null);
      for (String key : keys) {
        list.add(
            item(
                ns.getKey(),
                ns.getValue(),
                key,
                items.get(new Slot(ns.getValue(), key, CHUNK_ANY))));
      }
    }
    if (namespace != null && !namespaces.containsKey(namespace)) {
      throw new NvsException("ESP_ERR_NVS_NOT_FOUND", "no namespace '" + namespace + "'");
    }
    return list;
  }

  /** Erases {@code key}. */
  public void erase(String namespace, String key) throws IOException, NvsException {
    int ns = namespace(namespace, false);
    Slot slot = new Slot(ns, key, CHUNK_ANY);
    Location at = items.get(slot);
    if (at == null) {
      throw new NvsException(
          "ESP_ERR_NVS_NOT_FOUND", "no key '" + key + "' in namespace '" + namespace + "'");
    }
    if (at.type() == NvsType.BLOB_INDEX) {
      eraseBlob(ns, key);
    } else {
      items.remove(slot);
      setEntries(at.page(), at.entry(), at.span(), ENTRY_ERASED);
    }
  }

  /**
   * Statistics as {@code nvs_get_stats} gives them.
   *
   * @param usedEntries entries written and live
   * @param freeEntries entries free (empty, or erased and to be won back)
   * @param totalEntries entries of every page but the one kept free
   * @param namespaceCount namespaces
   * @param entriesPerNamespace live entries of each namespace
   * @param bytesProgrammed bytes programmed since the store was opened
   * @param pageErases pages erased since the store was opened
   */
  public record Statistics(
      int usedEntries,
      int freeEntries,
      int totalEntries,
      int namespaceCount,
      Map<String, Integer> entriesPerNamespace,
      long bytesProgrammed,
      long pageErases) {}

  /**
   * @return the store's statistics
   */
  public Statistics statistics() {
    int used = 0;
    Map<String, Integer> perNamespace = new TreeMap<>();
    Map<Integer, String> names = new LinkedHashMap<>();
    namespaces.forEach((name, index) -> names.put(index, name));
    for (Map.Entry<Slot, Location> item : items.entrySet()) {
      used += item.getValue().span();
      String name = names.get(item.getKey().namespace());
      if (name != null) {
        perNamespace.merge(name, item.getValue().span(), Integer::sum);
      }
    }
    int total = (pages - 1) * ENTRY_COUNT;
    return new Statistics(
        used, total - used, total, namespaces.size(), perNamespace, bytesProgrammed, pageErases);
  }
}
