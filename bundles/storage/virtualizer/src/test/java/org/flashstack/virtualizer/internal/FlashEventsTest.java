package org.flashstack.virtualizer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashEvents;
import org.flashstack.api.flash.FlashException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtualizer's notifications: device bound, driver changed, unbound, operations. */
class FlashEventsTest {

  private record Posted(String topic, Map<String, Object> properties) {}

  /** Records what is posted; wants operation events when told. */
  private static final class Recorder implements EventSink {
    final List<Posted> posted = new CopyOnWriteArrayList<>();
    volatile boolean operations;

    @Override
    public boolean operationsWanted() {
      return operations;
    }

    @Override
    public void post(String topic, Map<String, Object> properties) {
      posted.add(new Posted(topic, Map.copyOf(properties)));
    }

    List<String> topics() {
      return posted.stream().map(Posted::topic).toList();
    }
  }

  private final Bench bench = new Bench();
  private final FlashBinder binder = bench.binder(1000);
  private final Recorder recorder = new Recorder();

  @AfterEach
  void close() {
    binder.close();
  }

  @Test
  void boundChangedAndUnboundArePostedWithTheDrivers() throws Exception {
    binder.setEvents(recorder);
    Bench.Chip chip = bench.chip("nor0");
    FlashDriver cfi = bench.driver("cfi");
    FlashDriver vendor = bench.driver("vendor");
    binder.bindDriver(cfi, bench.driverProperties("cfi", 0));
    binder.bindHardware(chip.device(), chip.properties());
    Map<String, Object> vendorProperties = bench.driverProperties("vendor", 10);
    binder.bindDriver(vendor, vendorProperties);
    binder.unbindDriver(vendor, vendorProperties);
    binder.unbindDriver(cfi, bench.driverProperties("cfi", 0));
    assertEquals(
        List.of(
            FlashEvents.DEVICE_BOUND,
            FlashEvents.DRIVER_CHANGED,
            FlashEvents.DRIVER_CHANGED,
            FlashEvents.DEVICE_UNBOUND),
        recorder.topics());
    assertEquals(Map.of("device", "nor0", "driver", "cfi"), recorder.posted.get(0).properties());
    assertEquals(
        Map.of("device", "nor0", "previous.driver", "cfi", "driver", "vendor"),
        recorder.posted.get(1).properties());
    assertEquals(
        Map.of("device", "nor0", "previous.driver", "cfi"), recorder.posted.get(3).properties());
  }

  @Test
  void operationEventsArePostedOnlyWhileSomeoneWantsThem() throws Exception {
    binder.setEvents(recorder);
    Bench.Chip chip = bench.chip("nor0");
    binder.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    binder.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    recorder.posted.clear();
    flash.read(0, new byte[4], 0, 4);
    assertTrue(recorder.posted.isEmpty(), "nobody subscribes: nothing posted, nothing paid");
    recorder.operations = true;
    flash.forUser("staging").read(16, new byte[4], 0, 4);
    flash.lock(0, FlashVirtualizerTest.BLOCK);
    assertThrows(
        FlashException.class, () -> flash.program(0, new byte[] {0}, 0, 1), "locked block");
    assertEquals(
        List.of(
            FlashEvents.OPERATION_COMPLETED,
            FlashEvents.OPERATION_COMPLETED,
            FlashEvents.OPERATION_FAILED),
        recorder.topics());
    assertEquals(
        Map.of("device", "nor0", "operation", "read", "address", 16L, "user", "staging"),
        recorder.posted.get(0).properties());
    Map<String, Object> failed = recorder.posted.get(2).properties();
    assertEquals("program", failed.get("operation"));
    assertEquals("PROTECTED", failed.get("error"));
    assertTrue(String.valueOf(failed.get("message")).contains("nor0: program"), failed.toString());
  }

  @Test
  void aHandlersTopicsSayWhetherItWantsOperationEvents() {
    assertTrue(EventAdminSink.wantsOperations("*"));
    assertTrue(EventAdminSink.wantsOperations("org/flashstack/*"));
    assertTrue(EventAdminSink.wantsOperations("org/flashstack/flash/*"));
    assertTrue(EventAdminSink.wantsOperations(new String[] {"a/b", FlashEvents.OPERATION_FAILED}));
    assertTrue(EventAdminSink.wantsOperations(List.of("org/*")));
    assertFalse(EventAdminSink.wantsOperations("org/flashstack/device/*"));
    assertFalse(EventAdminSink.wantsOperations(FlashEvents.DEVICE_BOUND));
    assertFalse(EventAdminSink.wantsOperations("org/flashstack/flash/OPERATION"));
    assertFalse(EventAdminSink.wantsOperations(null));
  }
}
