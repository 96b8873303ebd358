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
