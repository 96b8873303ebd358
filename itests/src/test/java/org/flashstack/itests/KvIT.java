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

  @Test
  public void anNvsImageIsImportedAndExportedAndABadOneChangesNothing() throws Exception {
    service(KeyValueStore.class, "(kv.name=nvs)");
    execute("kv:set nvs before import u8 1");
    File folder = new File(runDirectory(), "kv-images");
    folder.mkdirs();
    byte[] image =
        new org.flashstack.kv.nvs.NvsImageBuilder(64 << 10)
            .namespace("factory")
            .putString("serial", "FS-0001")
            .put("rev", org.flashstack.kv.nvs.NvsType.U8, 3)
            .build();
    File dump = new File(folder, "device-nvs.bin");
    java.nio.file.Files.write(dump.toPath(), image);
    String dry = execute("kv:import nvs " + dump.getAbsolutePath());
    assertTrue(
        dry, dry.contains("factory/serial string FS-0001") && dry.contains("nothing written"));
    assertEquals("u8 1", execute("kv:get nvs before import").strip());
    execute("kv:import --confirm nvs " + dump.getAbsolutePath());
    assertEquals("string FS-0001", execute("kv:get nvs factory serial").strip());
    assertFails("kv:get nvs before import", "ESP_ERR_NVS_NOT_FOUND");
    execute("kv:set nvs factory rev u8 4");
    File exported = new File(folder, "exported.bin");
    execute("kv:export nvs " + exported.getAbsolutePath());
    org.flashstack.kv.nvs.NvsImageReader.Contents contents =
        org.flashstack.kv.nvs.NvsImageReader.read(
            java.nio.file.Files.readAllBytes(exported.toPath()));
    assertTrue(contents.problems().isEmpty());
    assertEquals(
        "4",
        contents.items().stream().filter(i -> i.key().equals("rev")).findFirst().get().valueText());

    File small = new File(folder, "small.bin");
    java.nio.file.Files.write(small.toPath(), new byte[0x6000]);
    assertFails("kv:import --confirm nvs " + small.getAbsolutePath(), "ESP_ERR_INVALID_SIZE");
    File garbage = new File(folder, "garbage.bin");
    byte[] noise = new byte[64 << 10];
    new java.util.Random(1).nextBytes(noise);
    java.nio.file.Files.write(garbage.toPath(), noise);
    assertFails("kv:import --confirm nvs " + garbage.getAbsolutePath(), "holds no NVS page");
    assertEquals(
        "refused imports changed nothing", "u8 4", execute("kv:get nvs factory rev").strip());
  }

  @Test
  public void theRecordLogAppendsTailsAndPostsEachAppend() throws Exception {
    org.flashstack.api.log.RecordLog log =
        service(org.flashstack.api.log.RecordLog.class, "(flashlog.name=logs)");
    java.util.concurrent.BlockingQueue<org.osgi.service.event.Event> events =
        new java.util.concurrent.LinkedBlockingQueue<>();
    org.osgi.framework.ServiceRegistration<org.osgi.service.event.EventHandler> handler =
        bundleContext.registerService(
            org.osgi.service.event.EventHandler.class,
            events::add,
            new java.util.Hashtable<>(
                java.util.Map.of(
                    org.osgi.service.event.EventConstants.EVENT_TOPIC,
                    org.flashstack.api.log.RecordLog.TOPIC_APPENDED)));
    try {
      long before = log.statistics().newestSequence();
      String appended = execute("flashlog:append logs boot ok: image 1.2.3");
      assertTrue(appended, appended.contains("record " + (before + 1) + " appended to logs"));
      execute("flashlog:append logs second record");
      String tail = execute("flashlog:tail -n 2 logs");
      assertTrue(tail, tail.contains("boot ok: image 1.2.3") && tail.contains("second record"));
      String back = execute("flashlog:tail --from " + (before + 2) + " --backward -n 1 logs");
      assertTrue(back, back.contains("second record") && !back.contains("boot ok"));
      String stats = execute("flashlog:stats logs");
      assertTrue(stats, stats.contains("on partition logs") && stats.contains("1008 erase units"));
      org.osgi.service.event.Event event = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
      assertNotNull("an append is posted", event);
      assertEquals("logs", event.getProperty("flashlog.name"));
      assertEquals(before + 1, event.getProperty("sequence"));
      assertFails("flashlog:tail -n 0 logs", "-n must be 1 or more");
      assertFails("flashlog:stats nowhere", "no record log named 'nowhere'");
    } finally {
      handler.unregister();
    }
  }

  private void assertFails(String command, String expected) {
    Exception e = assertThrows(Exception.class, () -> execute(command));
    assertTrue(
        command + " -> " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
  }
}
