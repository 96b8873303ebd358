package org.flashstack.kv.internal;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.flashstack.api.kv.KeyValueStore;
import org.flashstack.api.kv.KvException;
import org.flashstack.api.kv.KvStatistics;
import org.flashstack.api.kv.KvType;
import org.flashstack.api.kv.KvValue;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.kv.nvs.NvsException;
import org.flashstack.kv.nvs.NvsFlash;
import org.flashstack.kv.nvs.NvsFormat;
import org.flashstack.kv.nvs.NvsImageReader;
import org.flashstack.kv.nvs.NvsItem;
import org.flashstack.kv.nvs.NvsStore;
import org.flashstack.kv.nvs.NvsType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NVS store per factory configuration: opens the store on its partition (repairing what a power
 * cut left, as ESP-IDF does at {@code nvs_flash_init}) and serves it as a {@link KeyValueStore}. A
 * flash failure in the middle of a write leaves the RAM view unknown, so the next call reads the
 * store from flash again.
 */
@Component(
    service = KeyValueStore.class,
    configurationPid = NvsStoreComponent.FACTORY_PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NvsStoreConfiguration.class, factory = true)
public final class NvsStoreComponent implements KeyValueStore {

  /** The factory configuration PID. */
  public static final String FACTORY_PID = "org.flashstack.kv.nvs";

  private static final Logger LOG = LoggerFactory.getLogger(NvsStoreComponent.class);

  private final String name;
  private final String partition;
  private final NvsFlash flash;
  private NvsStore store;

  /** Opens the store; a partition NVS cannot use fails activation with the reason. */
  @Activate
  public NvsStoreComponent(
      @Reference(name = "partition") FlashPartition partition,
      NvsStoreConfiguration configuration,
      Map<String, Object> properties)
      throws IOException, NvsException {
    this.name = configuration.kv_name();
    this.partition = partition.name();
    this.flash = new PartitionNvsFlash(partition);
    this.store = NvsStore.open(flash);
    LOG.info(
        "{}: NVS store on partition {} ({} pages), {} namespace(s)",
        name,
        partition.name(),
        flash.pageCount(),
        store.namespaces().size());
  }

  /** For tests and plain Java: a store on any NVS flash. */
  NvsStoreComponent(String name, String partition, NvsFlash flash)
      throws IOException, NvsException {
    this.name = name;
    this.partition = partition;
    this.flash = flash;
    this.store = NvsStore.open(flash);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String partition() {
    return partition;
  }

  /** One store call, with its errors turned into KvExceptions. */
  private interface Call<T> {
    T run(NvsStore store) throws IOException, NvsException;
  }

  private synchronized <T> T call(Call<T> call) throws KvException {
    try {
      if (store == null) {
        store = NvsStore.open(flash);
      }
      return call.run(store);
    } catch (NvsException e) {
      throw new KvException(e.espError(), name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      store = null; // the RAM view may be ahead of the flash: read it again next time
      throw new KvException("ESP_ERR_FLASH_OP_FAIL", name + ": flash failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> namespaces() throws KvException {
    return call(s -> s.namespaces().keySet().stream().sorted().toList());
  }

  @Override
  public List<KvValue> list(String namespace) throws KvException {
    return call(s -> s.list(namespace).stream().map(NvsStoreComponent::value).toList());
  }

  @Override
  public KvValue get(String namespace, String key) throws KvException {
    return call(s -> value(s.get(namespace, key)));
  }

  static KvValue value(NvsItem item) {
    KvType type =
        switch (item.type()) {
          case STRING -> KvType.STRING;
          case BLOB, BLOB_DATA, BLOB_INDEX -> KvType.BLOB;
          default -> KvType.valueOf(item.type().name());
        };
    return new KvValue(item.namespace(), item.key(), type, item.integer(), item.bytes());
  }

  @Override
  public void setInteger(String namespace, String key, KvType type, long value) throws KvException {
    if (!type.isInteger()) {
      throw new KvException(
          "ESP_ERR_NVS_TYPE_MISMATCH", type.label() + " is not an integer type", null);
    }
    call(
        s -> {
          s.setInteger(namespace, key, NvsType.valueOf(type.name()), value);
          return null;
        });
  }

  @Override
  public void setString(String namespace, String key, String value) throws KvException {
    call(
        s -> {
          s.setString(namespace, key, value);
          return null;
        });
  }

  @Override
  public void setBlob(String namespace, String key, byte[] value) throws KvException {
    call(
        s -> {
          s.setBlob(namespace, key, value.clone());
          return null;
        });
  }

  @Override
  public void set(String namespace, String key, KvType type, String value) throws KvException {
    switch (type) {
      case STRING -> setString(namespace, key, value);
      case BLOB -> {
        byte[] bytes;
        try {
          bytes = HexFormat.of().parseHex(value.trim());
        } catch (IllegalArgumentException e) {
          throw new KvException(
              "ESP_ERR_INVALID_ARG",
              "a blob is written as hexadecimal digits, not '" + value + "'",
              e);
        }
        setBlob(namespace, key, bytes);
      }
      default -> setInteger(namespace, key, type, number(value.trim(), type));
    }
  }

  static long number(String text, KvType type) throws KvException {
    try {
      boolean hex = text.startsWith("0x") || text.startsWith("0X");
      String digits = hex ? text.substring(2) : text;
      return type == KvType.U64
          ? Long.parseUnsignedLong(digits, hex ? 16 : 10)
          : Long.parseLong(digits, hex ? 16 : 10);
    } catch (NumberFormatException e) {
      throw new KvException(
          "ESP_ERR_INVALID_ARG", "'" + text + "' is not a " + type.label() + " number", e);
    }
  }

  @Override
  public void erase(String namespace, String key) throws KvException {
    call(
        s -> {
          s.erase(namespace, key);
          return null;
        });
  }

  @Override
  public byte[] exportImage() throws KvException {
    return call(
        s -> {
          byte[] image = new byte[flash.pageCount() * NvsFormat.PAGE_SIZE];
          flash.read(0, image, 0, image.length);
          return image;
        });
  }

  @Override
  public List<String> importImage(byte[] image, boolean write) throws KvException {
    int size = flash.pageCount() * NvsFormat.PAGE_SIZE;
    if (image.length != size) {
      throw new KvException(
          "ESP_ERR_INVALID_SIZE",
          String.format(
              "%s: an image of %d bytes does not fit partition %s of %d bytes; nothing written",
              name, image.length, partition, size),
          null);
    }
    NvsImageReader.Contents contents;
    try {
      contents = NvsImageReader.read(image);
    } catch (NvsException e) {
      throw new KvException(e.espError(), name + ": " + e.getMessage() + "; nothing written", e);
    }
    boolean pages =
        contents.pageStates().stream()
            .anyMatch(
                state -> state.equals("ACTIVE") || state.equals("FULL") || state.equals("FREEING"));
    if (!pages && !erasedImage(image)) {
      throw new KvException(
          "ESP_ERR_NVS_INVALID_STATE",
          name + ": the image holds no NVS page (no page header checks out); nothing written",
          null);
    }
    List<String> lines = new java.util.ArrayList<>();
    for (NvsItem item : contents.items()) {
      lines.add(
          item.namespace() + "/" + item.key() + " " + item.typeName() + " " + item.valueText());
    }
    contents.problems().forEach(problem -> lines.add("skipped: " + problem));
    if (!write) {
      return lines;
    }
    return call(
        s -> {
          store = null; // whatever happens now, the store is read from flash again
          for (int page = 0; page < flash.pageCount(); page++) {
            flash.erasePage(page);
          }
          flash.program(0, image, 0, image.length);
          store = NvsStore.open(flash);
          return lines;
        });
  }

  private static boolean erasedImage(byte[] image) {
    for (byte b : image) {
      if (b != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void commit() {
    // values are on flash before set returns
  }

  @Override
  public KvStatistics statistics() throws KvException {
    return call(
        s -> {
          NvsStore.Statistics st = s.statistics();
          return new KvStatistics(
              st.usedEntries(),
              st.freeEntries(),
              st.totalEntries(),
              st.namespaceCount(),
              st.entriesPerNamespace(),
              st.bytesProgrammed(),
              st.pageErases());
        });
  }
}
