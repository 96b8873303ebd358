package org.flashstack.itests;

import static org.junit.Assert.*;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.partition.FlashPartition;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * board:apply in a container of its own (it changes the board): a plan changes nothing, a confirmed
 * preset comes up with its partitions, a preset that cannot come up leaves the old board, and flash
 * images outlive the devices that leave.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BoardApplyIT extends FlashStackTestSupport {

  @Configuration
  public Option[] configuration() {
    return distribution(new File(runDirectory(), "board-nor0.img"));
  }

  private boolean present(Class<?> type, String filter) throws Exception {
    return !bundleContext.getServiceReferences(type, filter).isEmpty();
  }

  private <S> S partition(String name) throws Exception {
    @SuppressWarnings("unchecked")
    S service =
        (S)
            bundleContext.getService(
                bundleContext
                    .getServiceReferences(FlashPartition.class, "(partition.name=" + name + ")")
                    .iterator()
                    .next());
    return service;
  }

  @Test
  public void presetsArePlannedAppliedAndRolledBackWithoutLosingAnImage() throws Exception {
    BlockingQueue<Event> applied = new LinkedBlockingQueue<>();
    Dictionary<String, Object> topics = new Hashtable<>();
    topics.put(EventConstants.EVENT_TOPIC, "org/flashstack/board/APPLIED");
    ServiceRegistration<EventHandler> handler =
        bundleContext.registerService(EventHandler.class, applied::add, topics);
    try {
      flash("flash1");
      String list = execute("board:list --no-format");
      assertTrue(
          list,
          list.contains("single-flash")
              && list.contains("dual-flash")
              && list.contains("multi-flash"));
      String show = execute("board:show single-flash");
      assertTrue(show, show.contains("# etc/org.flashstack.partition-recovery.cfg"));
      assertTrue(show, show.contains("offset = 16M"));

      String plan = execute("board:apply single-flash");
      assertTrue(plan, plan.contains("remove  org.flashstack.hw.spinor-flash1"));
      assertTrue(plan, plan.contains("change  org.flashstack.partition-primary"));
      assertTrue(plan, plan.contains("size: 16M -> 8M"));
      assertTrue(
          plan,
          plan.contains(
              "its image "
                  + sibling(new File(runDirectory(), "board-nor0.img"), "flash1").getAbsolutePath()
                  + " is kept"));
      assertTrue(plan, plan.contains("Nothing was changed"));
      assertTrue("a plan changes nothing", present(Flash.class, "(device.name=flash1)"));

      String done = execute("board:apply --confirm dual-flash");
      assertTrue(done, done.contains("Board dual-flash applied"));
      Event event = applied.poll(10, TimeUnit.SECONDS);
      assertNotNull("board APPLIED posted", event);
      assertEquals("dual-flash", event.getProperty("board"));
      assertTrue("dual-flash is in use", inUse("dual-flash"));
      byte[] marker = "kept across boards".getBytes(StandardCharsets.US_ASCII);
      FlashPartition recovery = partition("recovery");
      recovery.erase(0, recovery.eraseSize());
      recovery.write(0, marker, 0, marker.length);

      String single = execute("board:apply --confirm single-flash");
      assertTrue(single, single.contains("Board single-flash applied"));
      assertFalse("flash1 left the board", present(Flash.class, "(device.name=flash1)"));
      FlashPartition onFlash0 = partition("recovery");
      assertEquals("flash0", onFlash0.device());
      assertEquals(16L << 20, onFlash0.offset());

      File blocker = new File(System.getProperty("karaf.base"), "flash/flash2.img");
      assertTrue(blocker.mkdirs());
      Exception failed =
          assertThrows(
              Exception.class, () -> execute("board:apply --confirm --timeout 6000 multi-flash"));
      assertTrue(
          failed.getMessage(), failed.getMessage().contains("board multi-flash did not come up"));
      assertTrue(failed.getMessage(), failed.getMessage().contains("device flash2"));
      assertTrue(failed.getMessage(), failed.getMessage().contains("the old board was put back"));
      long deadline = System.currentTimeMillis() + 30_000;
      while (present(Flash.class, "(device.name=flash1)")
          || !present(FlashPartition.class, "(partition.name=recovery)")) {
        assertTrue("the single-flash board is back", System.currentTimeMillis() < deadline);
        Thread.sleep(200);
      }
      assertEquals("flash0", this.<FlashPartition>partition("recovery").device());
      assertTrue("single-flash is in use again", inUse("single-flash"));

      assertTrue(blocker.delete());
      String multi;
      try {
        multi = execute("board:apply --confirm multi-flash");
      } catch (Exception e) {
        System.out.println("DIAG problems: " + execute("flash:problems"));
        System.out.println(
            "DIAG config: "
                + execute("config:list '(service.factoryPid=org.flashstack.hw.spinor)'"));
        System.out.println(
            "DIAG mux: "
                + execute("config:list '(service.factoryPid=org.flashstack.driver.spi.mux)'"));
        throw e;
      }
      assertTrue(multi, multi.contains("Board multi-flash applied"));
      FlashPartition backup = partition("backup");
      assertEquals("flash2", backup.device());
      assertTrue(present(Flash.class, "(device.name=flash1)"));
      assertTrue("multi-flash is in use", inUse("multi-flash"));

      String back;
      try {
        back = execute("board:apply --confirm dual-flash");
      } catch (Exception e) {
        System.out.println("DIAG problems: " + execute("flash:problems"));
        System.out.println("DIAG list: " + execute("flash:list --no-format"));
        System.out.println(
            "DIAG config: " + execute("config:list '(service.factoryPid=org.flashstack.*)'"));
        System.out.println("DIAG scr: " + execute("scr:list"));
        throw e;
      }
      assertTrue(back, back.contains("flash1: reuses"));
      byte[] read = new byte[marker.length];
      this.<FlashPartition>partition("recovery").read(0, read, 0, read.length);
      assertArrayEquals("flash1's image outlived its absence from the board", marker, read);
      assertFails(
          "board:apply nowhere",
          "no board preset 'nowhere'; the presets are single-flash, dual-flash, multi-flash");
    } finally {
      handler.unregister();
    }
  }

  /** Whether board:list marks the preset as the board in use. */
  /**
   * Issue 10 at the shell: check, export in all three forms, import an ESP-IDF table onto flash1
   * (plan first, then --confirm), write it to the flash where ESP-IDF keeps it, import it back from
   * there, and put the shipped board back.
   */
  @Test
  public void partitionTablesAreCheckedExportedImportedAndWrittenToTheFlash() throws Exception {
    File folder = new File(runDirectory(), "tables");
    folder.mkdirs();
    File csv = new File(folder, "esp.csv");
    java.nio.file.Files.writeString(
        csv.toPath(),
        "# Name,   Type, SubType, Offset,  Size, Flags\n"
            + "nvs2,     data, nvs,     ,        0x4000,\n"
            + "otadata,  data, ota,     ,        0x2000,\n"
            + "phy_init, data, phy,     ,        0x1000,\n"
            + "factory,  app,  factory, ,        1M,\n"
            + "ota_0,    app,  ota_0,   ,        1M,\n");
    try {
      flash("flash1");
      String check = execute("part:check --device flash1 " + csv.getAbsolutePath());
      assertTrue(check, check.contains("a valid esp-idf-csv table of 5 partitions"));
      assertTrue(check, check.contains("0x00110000"));
      assertFails("part:check --format mtdparts " + csv.getAbsolutePath(), "mtdparts");

      File mtd = new File(folder, "board.mtdparts");
      execute("part:export " + mtd.getAbsolutePath());
      String exported = java.nio.file.Files.readString(mtd.toPath()).strip();
      assertTrue(
          exported,
          exported.startsWith("mtdparts=flash0:16m@0(primary),8m@16m(staging)")
              && exported.endsWith(";flash1:32m@0(recovery)"));
      assertFails(
          "part:export --device flash0 " + new File(folder, "flash0.csv").getAbsolutePath(),
          "Partition offset 0x0 is below 0x9000");
      assertFalse("no file on refusal", new File(folder, "flash0.csv").exists());
      execute(
          "part:export --no-verify --device flash0 "
              + new File(folder, "flash0.csv").getAbsolutePath());
      assertTrue(
          java.nio.file.Files.readString(new File(folder, "flash0.csv").toPath())
              .contains("primary,data,undefined,0x0,16M,"));

      String plan = execute("part:import --device flash1 " + csv.getAbsolutePath());
      assertTrue(plan, plan.contains("add     org.flashstack.partition-nvs2"));
      assertTrue(plan, plan.contains("remove  org.flashstack.partition-recovery"));
      assertTrue(plan, plan.contains("Nothing was changed"));
      assertTrue(present(FlashPartition.class, "(partition.name=recovery)"));

      String imported = execute("part:import --confirm --device flash1 " + csv.getAbsolutePath());
      assertTrue(imported, imported.contains("Imported: 5 partition(s) of flash1 are up."));
      assertFalse(present(FlashPartition.class, "(partition.name=recovery)"));
      FlashPartition factory = partition("factory");
      assertEquals(0x10000, factory.offset());
      assertEquals(
          "new partitions are numbered from 0x80000100", 0x80000103L, factory.driverNumber());
      String list = execute("part:list --no-format");
      assertTrue(list, list.contains("ota_0") && list.contains("otadata"));

      String write = execute("part:export --to-flash flash1");
      assertTrue(
          write, write.contains("Would write 3072 bytes of ESP-IDF partition table at 0x8000"));
      assertTrue(write, write.contains("Nothing was written"));
      String written = execute("part:export --to-flash flash1 --confirm");
      assertTrue(written, written.contains("Written and verified: 3072 bytes at 0x8000 of flash1"));
      byte[] head = new byte[2];
      flash("flash1").read(0x8000, head, 0, 2);
      assertArrayEquals(new byte[] {(byte) 0xaa, 0x50}, head);
      String again = execute("part:import --from-flash flash1");
      assertTrue(again, again.contains("are this table already; nothing to change"));
      File bin = new File(folder, "flash1.bin");
      execute("part:export --device flash1 " + bin.getAbsolutePath());
      byte[] onFlash = new byte[0xc00];
      flash("flash1").read(0x8000, onFlash, 0, onFlash.length);
      assertArrayEquals(
          "the file and the flash hold the same table",
          onFlash,
          java.nio.file.Files.readAllBytes(bin.toPath()));
      assertFails("part:import --from-flash flash0", "holds no ESP-IDF partition table at 0x8000");
    } finally {
      String back = execute("board:apply --confirm dual-flash");
      assertTrue(back, back.contains("applied") || back.contains("already"));
    }
    assertEquals(0x80000020L, ((FlashPartition) partition("recovery")).driverNumber());
  }

  private boolean inUse(String preset) throws Exception {
    for (String line : execute("board:list --no-format").split("\\R")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length > 1 && cells[0].equals(preset)) {
        return cells[1].equals("yes");
      }
    }
    return false;
  }

  private void assertFails(String command, String expected) {
    Exception e = assertThrows(Exception.class, () -> execute(command));
    assertTrue(
        command + " -> " + e.getMessage(), String.valueOf(e.getMessage()).contains(expected));
  }
}
