package org.flashstack.testing.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.virtualizer.StandaloneVirtualizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance suite every {@link FlashDriver} passes, run through the flash virtualizer as
 * users reach a driver. Extend it in a driver's tests with {@link #newDriver()} and {@link
 * #newDevice()}; each test gets a fresh device.
 */
@Timeout(120)
public abstract class FlashDriverConformance {

  /** A device for the driver: the hardware service and its properties. */
  public record Device(Object hardware, Map<String, Object> properties) {
    /**
     * @return the device's name ({@link DeviceProperties#NAME})
     */
    public String name() {
      return String.valueOf(properties.get(DeviceProperties.NAME));
    }
  }

  /**
   * @return a new instance of the driver under test (called again for swaps)
   */
  protected abstract FlashDriver newDriver() throws Exception;

  /**
   * @return fresh hardware the driver supports, its cells in any state
   */
  protected abstract Device newDevice() throws Exception;

  private StandaloneVirtualizer virtualizer;
  private FlashDriver driver;
  private Device device;

  /** The device under test, as users get it. */
  protected Flash flash;

  /** Its geometry. */
  protected FlashGeometry geometry;

  @BeforeEach
  void bringUp() throws Exception {
    virtualizer = new StandaloneVirtualizer(10_000);
    driver = newDriver();
    virtualizer.addDriver(driver, 0);
    device = newDevice();
    virtualizer.addHardware(device.hardware(), device.properties());
    flash =
        virtualizer
            .flash(device.name())
            .orElseThrow(
                () ->
                    new AssertionError(
                        "the driver did not attach to "
                            + device.name()
                            + ": "
                            + virtualizer.queues()));
    geometry = flash.geometry();
  }

  @AfterEach
  void tearDown() {
    if (virtualizer != null) {
      virtualizer.close();
    }
  }

  private byte[] all() throws FlashException {
    byte[] cells = new byte[(int) geometry.size()];
    flash.read(0, cells, 0, cells.length);
    return cells;
  }

  private static byte[] erased(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 0xff);
    return bytes;
  }

  private byte[] read(long address, int length) throws FlashException {
    byte[] bytes = new byte[length];
    flash.read(address, bytes, 0, length);
    return bytes;
  }

  /** The first two blocks, erased. */
  private long prepareTwoBlocks() throws FlashException {
    long end = geometry.blockStart(0) + geometry.blockSizeAt(0);
    end += geometry.blockSizeAt(end);
    flash.erase(0, end);
    return end;
  }

  @Test
  protected void identityAndGeometryAreConsistent() {
    assertEquals(device.name(), flash.name());
    assertTrue(geometry.size() > 0, "a size");
    assertTrue(geometry.programUnit() >= 1, "a program unit");
    long covered = 0;
    int blocks = 0;
    for (long at = 0; at < geometry.size(); at += geometry.blockSizeAt(at)) {
      assertTrue(
          geometry.isBlockBoundary(at), "block starts are boundaries: 0x" + Long.toHexString(at));
      assertEquals(at, geometry.blockStart(at));
      assertEquals(blocks, geometry.blockIndex(at));
      covered += geometry.blockSizeAt(at);
      blocks++;
    }
    assertEquals(geometry.size(), covered, "the blocks tile the device");
    assertEquals(geometry.blockCount(), blocks);
    assertFalse(String.valueOf(flash.identity().interfaceDescription()).isBlank(), "an identity");
  }

  @Test
  protected void eraseSetsWholeBlocksAndNothingElse() throws Exception {
    long end = prepareTwoBlocks();
    byte[] pattern = new byte[(int) end];
    new Random(1).nextBytes(pattern);
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] &= (byte) 0x7f;
    }
    flash.program(0, pattern, 0, pattern.length);
    long first = geometry.blockSizeAt(0);
    flash.erase(first, end - first);
    assertArrayEquals(Arrays.copyOf(pattern, (int) first), read(0, (int) first), "block 0 kept");
    assertArrayEquals(
        erased((int) (end - first)), read(first, (int) (end - first)), "block 1 erased");
  }

  @Test
  protected void programAndReadBackAtEveryAlignment() throws Exception {
    prepareTwoBlocks();
    int span = (int) Math.min(geometry.blockSizeAt(0), 4096);
    byte[] model = erased(span + 64);
    Random random = new Random(2);
    int unit = geometry.programUnit();
    int at = 0;
    while (at < span) {
      int length = unit * (1 + random.nextInt(Math.max(1, 300 / unit)));
      length = Math.min(length, span - at);
      byte[] data = new byte[length];
      random.nextBytes(data);
      flash.program(at, data, 0, length);
      System.arraycopy(data, 0, model, at, length);
      at += length + unit * random.nextInt(3);
    }
    assertArrayEquals(Arrays.copyOf(model, span), read(0, span));
    for (int offset = 0; offset < 16; offset++) {
      assertArrayEquals(
          Arrays.copyOfRange(model, offset, offset + 37), read(offset, 37), "read at " + offset);
    }
  }

  @Test
  protected void programmingOnlyClearsBits() throws Exception {
    prepareTwoBlocks();
    int unit = geometry.programUnit();
    int length = Math.max(unit, 16);
    byte[] first = new byte[length];
    Arrays.fill(first, (byte) 0xf0);
    flash.program(0, first, 0, length);
    byte[] second = new byte[length];
    Arrays.fill(second, (byte) 0x3c);
    try {
      flash.program(0, second, 0, length);
    } catch (FlashException refused) {
      // a part may refuse a program over programmed cells: then nothing changed
    }
    for (byte b : read(0, length)) {
      assertTrue(b == (byte) 0x30 || b == (byte) 0xf0, "only 1 -> 0 transitions: " + b);
    }
    flash.erase(0, geometry.blockSizeAt(0));
    assertArrayEquals(erased(length), read(0, length), "erase brings every bit back to 1");
  }

  @Test
  protected void badRequestsAreRefusedAndChangeNoByte() throws Exception {
    long end = prepareTwoBlocks();
    byte[] data = new byte[64];
    new Random(3).nextBytes(data);
    flash.program(0, data, 0, data.length);
    byte[] before = all();
    long size = geometry.size();
    assertError(FlashError.OUT_OF_RANGE, () -> flash.read(size - 2, new byte[4], 0, 4));
    assertError(FlashError.OUT_OF_RANGE, () -> flash.program(size - 2, new byte[4], 0, 4));
    assertError(FlashError.OUT_OF_RANGE, () -> flash.erase(size, geometry.blockSizeAt(size - 1)));
    assertError(FlashError.OUT_OF_RANGE, () -> flash.read(-1, new byte[4], 0, 4));
    assertError(FlashError.INVALID_ARGUMENT, () -> flash.program(0, null, 0, 4));
    assertError(FlashError.INVALID_ARGUMENT, () -> flash.program(0, new byte[4], 2, 4));
    assertError(FlashError.MISALIGNED, () -> flash.erase(1, geometry.blockSizeAt(0)));
    assertError(FlashError.MISALIGNED, () -> flash.erase(0, geometry.blockSizeAt(0) - 1));
    assertError(FlashError.INVALID_ARGUMENT, () -> flash.erase(0, -1));
    assertArrayEquals(before, all(), "no refusal changed a byte");
    assertTrue(end > 0);
  }

  private static void assertError(
      FlashError expected, org.junit.jupiter.api.function.Executable call) {
    FlashException e = assertThrows(FlashException.class, call);
    assertEquals(expected, e.error(), e.getMessage());
  }

  @Test
  protected void fourUsersOnDisjointBlocksEndAsTheirModels() throws Exception {
    int users = (int) Math.min(4, geometry.blockCount());
    long[] starts = new long[users];
    int[] lengths = new int[users];
    long at = 0;
    for (int u = 0; u < users; u++) {
      starts[u] = at;
      lengths[u] = (int) Math.min(geometry.blockSizeAt(at), 8192);
      at += geometry.blockSizeAt(at);
    }
    ExecutorService pool = Executors.newFixedThreadPool(users);
    try {
      List<Future<byte[]>> models = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        int user = u;
        models.add(
            pool.submit(
                () -> {
                  Flash mine = flash.forUser("user" + user);
                  Random random = new Random(user);
                  mine.erase(starts[user], geometry.blockSizeAt(starts[user]));
                  byte[] model = erased(lengths[user]);
                  int unit = geometry.programUnit();
                  for (int n = 0; n < 40; n++) {
                    int offset = unit * random.nextInt(lengths[user] / unit - 8);
                    byte[] data = new byte[unit * (1 + random.nextInt(8))];
                    random.nextBytes(data);
                    mine.program(starts[user] + offset, data, 0, data.length);
                    for (int i = 0; i < data.length; i++) {
                      model[offset + i] &= data[i];
                    }
                  }
                  return model;
                }));
      }
      for (int u = 0; u < users; u++) {
        assertArrayEquals(models.get(u).get(60, TimeUnit.SECONDS), read(starts[u], lengths[u]));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  protected void swappingTheDriverUnderLoadLosesNothing() throws Exception {
    long end = prepareTwoBlocks();
    int length = (int) Math.min(end, 16384);
    int unit = geometry.programUnit();
    int chunk = Math.max(unit, 16);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger swaps = new AtomicInteger();
    Thread swapper =
        new Thread(
            () -> {
              FlashDriver current = driver;
              while (running.get()) {
                try {
                  FlashDriver next = newDriver();
                  virtualizer.addDriver(next, swaps.get() + 1);
                  virtualizer.removeDriver(current);
                  current = next;
                  swaps.incrementAndGet();
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            "conformance-swapper");
    swapper.start();
    byte[] model = erased(length);
    try {
      Random random = new Random(4);
      for (int at = 0; at + chunk <= length && (at < length / 2 || swaps.get() < 5); at += chunk) {
        byte[] data = new byte[chunk];
        random.nextBytes(data);
        flash.program(at, data, 0, chunk);
        System.arraycopy(data, 0, model, at, chunk);
        assertArrayEquals(data, read(at, chunk), "read back at 0x" + Integer.toHexString(at));
      }
    } finally {
      running.set(false);
      swapper.join(30_000);
    }
    assertTrue(swaps.get() > 0, "the driver was swapped under load");
    assertArrayEquals(model, read(0, length));
  }
}
