package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.util.Collection;
import org.flashstack.api.kv.KeyValueStore;
import org.flashstack.api.kv.KvType;
import org.flashstack.api.partition.FlashPartition;
import org.flashstack.api.partition.PartitionProperties;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * Issue 16's key-value store in the product: the NVS store on the default board's nvs partition,
 * driven from the shell, in the format ESP-IDF reads.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KvIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "kv-nor0.img"));
  }

  private <S> S service(Class<S> type, String filter) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      Collection<ServiceReference<S>> found = bundleContext.getServiceReferences(type, filter);
      if (!found.isEmpty()) {
        return bundleContext.getService(found.iterator().next());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no " + type.getSimpleName() + " " + filter);
      }
      Thread.sleep(50);
    }
  }

  @Test
  public void theShellSetsGetsListsAndErasesValuesInTheEspIdfFormat() throws Exception {
    KeyValueStore store = service(KeyValueStore.class, "(kv.name=nvs)");
    assertEquals("nvs", store.partition());
    String set = execute("kv:set nvs wifi ssid string FlashStack");
    assertTrue(set, set.contains("wifi/ssid = FlashStack"));
    execute("kv:set nvs wifi channel u8 11");
    execute("kv:set nvs certs device blob 00112233445566778899");
    assertEquals("u8 11", execute("kv:get nvs wifi channel").strip());
    String list = execute("kv:list --no-format nvs");
    assertTrue(
        list, list.contains("ssid") && list.contains("FlashStack") && list.contains("00112233"));
    String wifi = execute("kv:list --no-format nvs wifi");
    assertFalse(wifi, wifi.contains("certs"));
    String stats = execute("kv:stats nvs");
    assertTrue(stats, stats.contains("Namespaces     2") && stats.contains("wifi"));
    assertFails("kv:set nvs wifi a_key_of_16_char u8 1", "ESP_ERR_NVS_KEY_TOO_LONG");
    assertFails("kv:set nvs wifi channel u8 256", "ESP_ERR_NVS_VALUE_TOO_LONG");
    assertFails("kv:set nvs wifi channel u9 1", "is not a type");
    assertFails("kv:get nvs wifi nothing", "ESP_ERR_NVS_NOT_FOUND");
    assertFails("kv:list nowhere", "no key-value store named 'nowhere'");
    execute("kv:erase nvs wifi channel");
    assertFails("kv:get nvs wifi channel", "ESP_ERR_NVS_NOT_FOUND");
    assertEquals(KvType.STRING, store.get("wifi", "ssid").type());

    // on flash: ESP-IDF's page 0, active, format version 2
    FlashPartition nvs = service(FlashPartition.class, PartitionProperties.filter("nvs"));
    byte[] header = new byte[32];
    nvs.read(0, header, 0, header.length);
    assertEquals((byte) 0xFE, header[0]);
    assertEquals((byte) 0xFF, header[1]);
    assertEquals((byte) 0xFE, header[8]);
  }

  private void assertFails(String command, String expected) {
    Exception e = assertThrows(Exception.class, () -> execute(command));
    assertTrue(
        command + " -> " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
  }
}
