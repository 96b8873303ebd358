package org.flashstack.virtualizer.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.flashstack.api.cfi.CfiQuery;
import org.flashstack.api.device.DeviceProperties;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.Flash;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.mmio.ClaimableMmioDevice;
import org.flashstack.api.mmio.MmioClaim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FlashVirtualizerTest {

  static final int BLOCK = 8192;
  static final int SIZE = 16 * BLOCK;

  private final Bench bench = new Bench();
  private final List<FlashBinder> started = new ArrayList<>();

  private FlashBinder virtualizer(long waitLimitMillis) {
    FlashBinder virtualizer = bench.binder(waitLimitMillis);
    started.add(virtualizer);
    return virtualizer;
  }

  @AfterEach
  void stop() {
    started.forEach(FlashBinder::close);
  }

  /** A recording driver whose erases say they started and then wait to be let go. */
  private static final class ErasePausing extends RecordingDriver {
    private final CountDownLatch inside;
    private final CountDownLatch release;

    ErasePausing(
        FlashDriver delegate,
        List<RecordingDriver.Operation> log,
        AtomicInteger overlaps,
        CountDownLatch inside,
        CountDownLatch release) {
      super(delegate, log, overlaps);
      this.inside = inside;
      this.release = release;
    }

    @Override
    public org.flashstack.api.flash.FlashDevice attach(
        org.flashstack.api.flash.FlashHardware hardware) throws FlashException {
      return new DelegatingDevice(super.attach(hardware)) {
        @Override
        public void erase(long address, long length) throws FlashException {
          inside.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          super.erase(address, length);
        }
      };
    }
  }

  private static byte[] read(Flash flash, long address, int length) throws FlashException {
    byte[] data = new byte[length];
    flash.read(address, data, 0, length);
    return data;
  }

  @Test
  void eachDeviceIsDrivenByTheBestRankedDriverThatSupportsIt() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindDriver(bench.driver("vendor"), bench.driverProperties("vendor", 10));
    virtualizer.bindHardware(chip.device(), chip.properties());
    assertEquals("vendor", bench.servingDriver("nor0"));
    assertEquals("driver vendor", chip.device().holder().orElseThrow());
    Flash flash = bench.flash("nor0");
    assertEquals(SIZE, flash.geometry().size());
    assertEquals(0x89, flash.identity().manufacturerId());
    assertTrue(flash.detail(CfiQuery.class).isPresent(), "the driver's query table is offered");
    assertEquals(
        SIZE, (long) bench.flashServices().get("nor0").properties.get(DeviceProperties.FLASH_SIZE));
  }

  @Test
  void theHardwareMayNameItsDriverOrNone() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip pinned = bench.chip("nor0");
    pinned.properties().put(DeviceProperties.DRIVER, "cfi");
    Bench.Chip undriven = bench.chip("nor1");
    undriven.properties().put(DeviceProperties.DRIVER, DeviceProperties.DRIVER_NONE);
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindDriver(bench.driver("vendor"), bench.driverProperties("vendor", 10));
    virtualizer.bindHardware(pinned.device(), pinned.properties());
    virtualizer.bindHardware(undriven.device(), undriven.properties());
    assertEquals("cfi", bench.servingDriver("nor0"), "the pin beats the ranking");
    assertFalse(bench.flashServices().containsKey("nor1"), "no driver, no Flash yet");
    assertTrue(undriven.device().holder().isEmpty(), "nobody claimed nor1");

    undriven.properties().put(DeviceProperties.DRIVER, "");
    virtualizer.updatedHardware(undriven.device(), undriven.properties());
    assertEquals("vendor", bench.servingDriver("nor1"), "unpinned at runtime: best ranked");
  }

  @Test
  void aPreferenceBeatsTheRankingAndARankingChangeSwapsAtRuntimeKeepingTheData() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    FlashDriver cfi = bench.driver("cfi");
    virtualizer.bindDriver(cfi, bench.driverProperties("cfi", 0, "nor0"));
    virtualizer.bindDriver(bench.driver("vendor"), bench.driverProperties("vendor", 10));
    virtualizer.bindHardware(chip.device(), chip.properties());
    assertEquals("cfi", bench.servingDriver("nor0"), "preferred for nor0");
    Flash flash = bench.flash("nor0");
    byte[] data = new byte[300];
    new Random(1).nextBytes(data);
    flash.program(100, data, 0, data.length);

    virtualizer.updatedDriver(cfi, bench.driverProperties("cfi", 0));
    assertEquals("vendor", bench.servingDriver("nor0"), "preference dropped: ranking decides");
    assertSame(flash, bench.flash("nor0"), "the same Flash service across the swap");
    assertArrayEquals(data, read(flash, 100, data.length));
    assertEquals(1, virtualizer.queues().get(0).driverChanges());
    assertEquals("driver vendor", chip.device().holder().orElseThrow());
  }

  @Test
  void aNewRankingOfTheServingDriverSwapsNothing() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    FlashDriver cfi = bench.driver("cfi");
    virtualizer.bindDriver(cfi, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    long claims = chip.device().claimCount();
    virtualizer.updatedDriver(cfi, bench.driverProperties("cfi", 50));
    assertEquals(0, virtualizer.queues().get(0).driverChanges());
    assertEquals(claims, chip.device().claimCount(), "no detach, no new claim, no re-probe");
  }

  @Test
  void aDriverThatCannotAttachIsSkippedForTheNext() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    MmioClaim squatter = chip.device().claim("a replay", 0);
    virtualizer.bindDriver(
        new org.flashstack.driver.cfi.CfiFlashDriver("impatient", bench.clock, 0),
        bench.driverProperties("impatient", 10));
    virtualizer.bindHardware(chip.device(), chip.properties());
    assertFalse(bench.flashServices().containsKey("nor0"), "the device was claimed: no driver");
    String problem = virtualizer.queues().get(0).attachProblem();
    assertNotNull(problem, "why no driver serves it is kept for flash:list");
    assertTrue(problem.startsWith("impatient: nor0: "), problem);
    assertTrue(problem.contains("a replay"), "names who holds the device: " + problem);
    squatter.close();
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    assertEquals("impatient", bench.servingDriver("nor0"), "re-chosen when drivers changed");
    assertNull(virtualizer.queues().get(0).attachProblem(), "served: no problem to report");
  }

  @Test
  void aDeviceThatLeavesTakesItsFlashWithItAndReleasesItsClaim() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    virtualizer.unbindHardware(chip.device(), chip.properties());
    assertFalse(bench.flashServices().containsKey("nor0"));
    assertTrue(chip.device().holder().isEmpty());
    assertTrue(virtualizer.queues().isEmpty(), "a departed device has no queue to show");
    virtualizer.bindHardware(chip.device(), chip.properties());
    assertSame(flash, bench.flash("nor0"), "a returning device gets its Flash back");
  }

  @Test
  void operationsWaitForTheNextDriverAndFailOnlyPastTheLimit() throws Exception {
    FlashBinder virtualizer = virtualizer(300);
    Bench.Chip chip = bench.chip("nor0");
    FlashDriver cfi = bench.driver("cfi");
    Map<String, Object> cfiProperties = bench.driverProperties("cfi", 0);
    virtualizer.bindDriver(cfi, cfiProperties);
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    flash.program(0, new byte[] {0x11}, 0, 1);

    virtualizer.unbindDriver(cfi, cfiProperties);
    CompletableFuture<byte[]> waiting = flash.readAsync(0, 1);
    Thread.sleep(100);
    assertFalse(waiting.isDone(), "waits while no driver serves the device");
    virtualizer.bindDriver(cfi, cfiProperties);
    assertArrayEquals(new byte[] {0x11}, waiting.get(5, TimeUnit.SECONDS));

    virtualizer.unbindDriver(cfi, cfiProperties);
    long started = System.nanoTime();
    FlashException unavailable = assertThrows(FlashException.class, () -> read(flash, 0, 1));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(FlashError.UNAVAILABLE, unavailable.error());
    assertTrue(unavailable.getMessage().contains("no driver bound"), unavailable.getMessage());
    assertTrue(waited >= 250, "waited the limit, not less: " + waited + " ms");
    assertEquals(
        FlashError.BUSY,
        assertThrows(FlashException.class, () -> read(flash.ifIdle(), 0, 1)).error());
  }

  @Test
  void theOperationInFlightFinishesOnTheDepartingDriverAndQueuedOnesRunOnTheNext()
      throws Exception {
    FlashBinder virtualizer = virtualizer(5000);
    Bench.Chip chip = bench.chip("nor0");
    List<RecordingDriver.Operation> log = new CopyOnWriteArrayList<>();
    AtomicInteger overlaps = new AtomicInteger();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FlashDriver slow = new ErasePausing(bench.driver("old"), log, overlaps, inside, release);
    Map<String, Object> slowProperties = bench.driverProperties("old", 0);
    virtualizer.bindDriver(slow, slowProperties);
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    CompletableFuture<Void> inFlight = flash.eraseAsync(0, BLOCK);
    inside.await();
    CompletableFuture<Void> queued = flash.programAsync(0, new byte[] {0x22});
    // A better driver arrives; the swap waits for the erase: run it on another thread.
    CompletableFuture<Void> swap =
        CompletableFuture.runAsync(
            () ->
                virtualizer.bindDriver(
                    new RecordingDriver(bench.driver("new"), log, overlaps),
                    bench.driverProperties("new", 5)));
    Thread.sleep(50);
    assertFalse(swap.isDone(), "the departure waits for the operation in flight");
    release.countDown();
    swap.get(5, TimeUnit.SECONDS);
    inFlight.get(5, TimeUnit.SECONDS);
    queued.get(5, TimeUnit.SECONDS);
    assertEquals("old", log.get(0).driver(), "the erase ran on the departing driver");
    assertEquals("erase", log.get(0).kind());
    assertEquals("new", log.get(1).driver(), "the queued program ran on the next one");
    assertEquals(0, overlaps.get());
    assertEquals(
        0, chip.device().refusedAccessCount(), "no driver touched the device without its claim");
  }

  /** Concurrency against a sequential model: 8 callers, mixed operations, a driver swap storm. */
  @Test
  void concurrentCallersAndDriverSwapsMatchASequentialModel() throws Exception {
    FlashBinder virtualizer = virtualizer(10_000);
    Bench.Chip chip = bench.chip("nor0");
    List<RecordingDriver.Operation> log = new CopyOnWriteArrayList<>();
    AtomicInteger overlaps = new AtomicInteger();
    FlashDriver cfi = new RecordingDriver(bench.driver("cfi"), log, overlaps);
    FlashDriver vendor = new RecordingDriver(bench.driver("vendor"), log, overlaps);
    Map<String, Object> vendorProperties = bench.driverProperties("vendor", 10);
    virtualizer.bindDriver(cfi, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");

    int callers = 8;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong operations = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<?>> workers = new ArrayList<>();
    for (int caller = 0; caller < callers; caller++) {
      int id = caller;
      workers.add(
          pool.submit(
              () -> {
                Random random = new Random(id);
                while (!stop.get()) {
                  long address = random.nextInt(SIZE - 64);
                  switch (random.nextInt(4)) {
                    case 0 -> {
                      byte[] data = new byte[1 + random.nextInt(64)];
                      random.nextBytes(data);
                      flash.program(address, data, 0, data.length);
                    }
                    case 1 -> flash.erase((long) random.nextInt(16) * BLOCK, BLOCK);
                    case 2 -> read(flash, address, 64);
                    default -> {
                      byte[] data = new byte[1 + random.nextInt(32)];
                      random.nextBytes(data);
                      flash.programAsync(address, data).get();
                    }
                  }
                  operations.incrementAndGet();
                }
                return null;
              }));
    }
    for (int swap = 0; swap < 20; swap++) {
      Thread.sleep(10);
      if (swap % 2 == 0) {
        virtualizer.bindDriver(vendor, vendorProperties);
      } else {
        virtualizer.unbindDriver(vendor, vendorProperties);
      }
    }
    stop.set(true);
    for (Future<?> worker : workers) {
      worker.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    byte[] model = new byte[SIZE];
    Arrays.fill(model, (byte) 0xff);
    for (RecordingDriver.Operation operation : log) {
      if (operation.kind().equals("erase")) {
        Arrays.fill(
            model,
            (int) operation.address(),
            (int) (operation.address() + operation.length()),
            (byte) 0xff);
      } else {
        for (int i = 0; i < operation.data().length; i++) {
          model[(int) operation.address() + i] &= operation.data()[i];
        }
      }
    }
    byte[] cells = new byte[SIZE];
    chip.model().media().read(0, cells, 0, SIZE);
    assertArrayEquals(model, cells, "the device holds what the operations did, in their order");
    assertEquals(0, overlaps.get(), "no two operations overlapped");
    assertEquals(0, chip.device().refusedAccessCount());
    DeviceQueueStatistics statistics = virtualizer.queues().get(0);
    assertEquals(0, statistics.failed(), "no operation failed");
    assertEquals(operations.get(), statistics.served(), "every operation was served once");
    assertEquals(20, statistics.driverChanges());
    assertTrue(operations.get() > 100, "the load ran: " + operations.get());
  }

  @Test
  void asynchronousOperationsRunInTheOrderTheyWereSubmitted() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    RecordingDriver driver = new RecordingDriver(bench.driver("cfi"));
    virtualizer.bindDriver(driver, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(flash.programAsync(i * 4L, new byte[] {(byte) i}));
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 200; i++) {
      assertEquals(i * 4L, driver.log.get(i).address(), "operation " + i + " ran in its turn");
    }
  }

  /**
   * Fairness: users take turns, one operation each. A user with 100 operations queued delays the
   * next operation of each other user by at most one of its own, and its own run in order.
   */
  @Test
  void usersTakeTurnsSoAFloodDelaysAnotherUserByAtMostOneOperation() throws Exception {
    FlashBinder virtualizer = virtualizer(5000);
    Bench.Chip chip = bench.chip("nor0");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingDriver driver =
        new ErasePausing(
            bench.driver("cfi"),
            new CopyOnWriteArrayList<>(),
            new AtomicInteger(),
            inside,
            release);
    virtualizer.bindDriver(driver, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    Flash flood = flash.forUser("flood");
    Flash second = flash.forUser("second");
    Flash third = flash.forUser("third");
    CompletableFuture<Void> stalled = flood.eraseAsync(0, BLOCK);
    inside.await();
    List<CompletableFuture<Void>> floods = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      floods.add(flood.programAsync(4L * i, new byte[] {(byte) i}));
    }
    CompletableFuture<Void> secondProgram = second.programAsync(BLOCK, new byte[] {0x22});
    CompletableFuture<Void> secondAgain = second.programAsync(BLOCK + 4, new byte[] {0x23});
    CompletableFuture<Void> thirdProgram = third.programAsync(2 * BLOCK, new byte[] {0x33});
    release.countDown();
    stalled.get(5, TimeUnit.SECONDS);
    CompletableFuture.allOf(floods.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
    secondProgram.get(5, TimeUnit.SECONDS);
    secondAgain.get(5, TimeUnit.SECONDS);
    thirdProgram.get(5, TimeUnit.SECONDS);
    List<Long> order = driver.log.stream().map(RecordingDriver.Operation::address).toList();
    assertEquals(0L, order.get(0), "the stalled erase");
    assertEquals(
        List.of(0L, (long) BLOCK, 2L * BLOCK, 4L, BLOCK + 4L, 8L),
        order.subList(1, 7),
        "flood, second, third in turn, then again; an emptied user leaves the turns");
    List<Long> floodOrder = order.stream().filter(address -> address < BLOCK).skip(1).toList();
    for (int i = 0; i < 100; i++) {
      assertEquals(4L * i, floodOrder.get(i), "the flood's own operations keep their order");
    }
  }

  /**
   * A device reachable through two controllers (two claim domains over the same cells): a driver
   * preferred for it moves it onto the second path, its departure moves it back; the data and the
   * Flash stay, users see nothing, and a second device of the same name without a path is ignored.
   */
  @Test
  void aDeviceMovesBetweenItsPathsAsDriversComeAndGoKeepingItsData() throws Exception {
    FlashBinder virtualizer = virtualizer(5000);
    Bench.Chip chip = bench.chip("nor0");
    ClaimableMmioDevice viaVendor =
        new ClaimableMmioDevice(chip.model(), chip.model()::powerUpReset);
    Map<String, Object> vendorPath = new java.util.HashMap<>(chip.properties());
    vendorPath.put(DeviceProperties.PATH, "vendor-bus");
    FlashDriver cfi = bench.driver("cfi");
    FlashDriver vendorOnly =
        new FlashDriver() {
          private final FlashDriver delegate = bench.driver("vendor");

          @Override
          public String name() {
            return "vendor";
          }

          @Override
          public boolean supports(org.flashstack.api.flash.FlashHardware hardware) {
            return "vendor-bus".equals(hardware.properties().get(DeviceProperties.PATH));
          }

          @Override
          public org.flashstack.api.flash.FlashDevice attach(
              org.flashstack.api.flash.FlashHardware hardware) throws FlashException {
            return delegate.attach(hardware);
          }
        };
    virtualizer.bindDriver(cfi, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    flash.erase(0, BLOCK);
    flash.program(0, new byte[] {1, 2, 3, 4}, 0, 4);
    virtualizer.bindHardware(viaVendor, vendorPath);
    assertEquals("cfi", virtualizer.queues().get(0).driver(), "the new path alone moves nothing");
    Map<String, Object> vendorProperties = bench.driverProperties("vendor", 0, "nor0");
    virtualizer.bindDriver(vendorOnly, vendorProperties);
    assertEquals("vendor", virtualizer.queues().get(0).driver());
    assertEquals(
        "driver vendor", viaVendor.holder().orElseThrow(), "served through the vendor path");
    assertTrue(chip.device().holder().isEmpty(), "the first path was let go");
    assertArrayEquals(new byte[] {1, 2, 3, 4}, read(flash, 0, 4), "same cells");
    flash.program(4, new byte[] {5, 6}, 0, 2);
    virtualizer.unbindDriver(vendorOnly, vendorProperties);
    assertEquals("cfi", virtualizer.queues().get(0).driver(), "back on the first path");
    assertEquals("driver cfi", chip.device().holder().orElseThrow());
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, read(flash, 0, 6));
    virtualizer.unbindHardware(viaVendor, vendorPath);
    assertEquals(
        "cfi", virtualizer.queues().get(0).driver(), "losing an idle path changes nothing");

    ClaimableMmioDevice impostor =
        new ClaimableMmioDevice(chip.model(), chip.model()::powerUpReset);
    virtualizer.bindHardware(impostor, chip.properties());
    virtualizer.bindDriver(vendorOnly, bench.driverProperties("vendor", 100));
    assertEquals(
        "cfi",
        virtualizer.queues().get(0).driver(),
        "a same-named device without a path is no path");
    assertTrue(impostor.holder().isEmpty());
  }

  @Test
  void updateErasesOnlyWhatItMustAndKeepsTheRestOfTheTouchedBlocks() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    RecordingDriver driver = new RecordingDriver(bench.driver("cfi"));
    virtualizer.bindDriver(driver, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    byte[] old = new byte[2 * BLOCK];
    new Random(7).nextBytes(old);
    flash.program(0, old, 0, old.length);
    byte[] fresh = new byte[100];
    new Random(8).nextBytes(fresh);
    long erased = flash.update(BLOCK - 50, fresh, 0, fresh.length);
    assertEquals(2L * BLOCK, erased, "both touched blocks needed an erase");
    byte[] expected = old.clone();
    System.arraycopy(fresh, 0, expected, BLOCK - 50, fresh.length);
    assertArrayEquals(expected, read(flash, 0, 2 * BLOCK), "bytes outside the range kept");
    assertArrayEquals(new byte[BLOCK], Arrays.copyOf(new byte[BLOCK], BLOCK));
    long onErased = flash.update(5 * BLOCK, fresh, 0, fresh.length);
    assertEquals(0, onErased, "erased cells take the bytes without an erase");
    assertEquals(
        2,
        driver.log.stream().filter(op -> op.kind().equals("erase")).count(),
        "two erases in all");
  }

  @Test
  void everyBadArgumentIsAnInvalidArgumentOrRangeErrorBeforeAnythingIsQueued() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    RecordingDriver driver = new RecordingDriver(bench.driver("cfi"));
    virtualizer.bindDriver(driver, bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.read(0, null, 0, 1)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.program(0, null, 0, 1)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.update(0, null, 0, 1)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.program(0, new byte[2], 1, 2)).error());
    assertEquals(
        FlashError.INVALID_ARGUMENT,
        assertThrows(FlashException.class, () -> flash.erase(0, -1)).error());
    assertEquals(
        FlashError.OUT_OF_RANGE,
        assertThrows(FlashException.class, () -> flash.read(SIZE, new byte[1], 0, 1)).error());
    assertEquals(
        FlashError.MISALIGNED,
        assertThrows(FlashException.class, () -> flash.erase(1, BLOCK)).error());
    assertEquals(
        FlashError.MISALIGNED, assertThrows(FlashException.class, () -> flash.lock(0, 1)).error());
    assertEquals(
        FlashError.OUT_OF_RANGE,
        assertThrows(FlashException.class, () -> flash.isLocked(SIZE)).error());
    ExecutionExceptionAssert.failsWith(FlashError.INVALID_ARGUMENT, flash.programAsync(0, null));
    ExecutionExceptionAssert.failsWith(FlashError.OUT_OF_RANGE, flash.readAsync(SIZE - 1, 2));
    assertTrue(driver.log.isEmpty(), "nothing reached the driver");
    assertEquals(0, virtualizer.queues().get(0).served());
  }

  @Test
  void locksAreExplicitAndEraseNeverUnlocks() throws Exception {
    FlashBinder virtualizer = virtualizer(1000);
    Bench.Chip chip = bench.chip("nor0");
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    flash.lock(BLOCK, BLOCK);
    assertTrue(flash.isLocked(BLOCK + 5));
    assertFalse(flash.isLocked(0));
    assertEquals(
        FlashError.PROTECTED,
        assertThrows(FlashException.class, () -> flash.erase(BLOCK, BLOCK)).error());
    assertTrue(flash.isLocked(BLOCK), "still locked after the refused erase");
    flash.unlock(BLOCK, BLOCK);
    flash.erase(BLOCK, BLOCK);
  }

  @Test
  void eachUsersViewCountsItsOwnOperations() throws Exception {
    FlashBinder virtualizer = virtualizer(5000);
    Bench.Chip chip = bench.chip("nor0");
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    Flash staging = flash.forUser("staging");
    staging.erase(0, BLOCK);
    staging.program(0, new byte[10], 0, 10);
    staging.readAsync(0, 7).get();
    staging.ifIdle().read(0, new byte[3], 0, 3);
    staging.update(BLOCK, new byte[] {1}, 0, 1);
    flash.read(0, new byte[5], 0, 5);
    org.flashstack.api.flash.FlashUsage usage = staging.usage();
    assertEquals("staging", usage.user());
    assertEquals(2, usage.reads());
    assertEquals(10, usage.bytesRead());
    assertEquals(2, usage.programs());
    assertEquals(11, usage.bytesProgrammed());
    assertEquals(BLOCK, usage.bytesErased(), "the update found its block erased: no erase");
    assertEquals(1, usage.erases());
    assertEquals(0, usage.failed());
    assertEquals(1, flash.usage().reads(), "the device's own view counts the rest");
    assertThrows(IllegalArgumentException.class, () -> flash.forUser(" "));
  }

  @Test
  void anAsynchronousReadOnAnIdleDeviceIsDoneWhenItReturnsAndOtherwiseWaitsItsTurn()
      throws Exception {
    FlashBinder virtualizer = virtualizer(5000);
    Bench.Chip chip = bench.chip("nor0");
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    flash.program(8, new byte[] {1, 2, 3, 4}, 0, 4);
    byte[] into = new byte[6];
    CompletableFuture<Void> idle = flash.readAsync(8, into, 1, 4);
    assertTrue(idle.isDone(), "an idle device reads on the caller's thread");
    idle.get();
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 0}, into);
    assertTrue(flash.readAsync(8, 2).isDone());
    ExecutionExceptionAssert.failsWith(
        FlashError.INVALID_ARGUMENT, flash.readAsync(0, new byte[2], 1, 2));
    CompletableFuture<Void> erase = flash.eraseAsync(0, BLOCK);
    CompletableFuture<byte[]> after = flash.readAsync(8, 4);
    erase.get(5, TimeUnit.SECONDS);
    assertArrayEquals(
        new byte[] {-1, -1, -1, -1},
        after.get(5, TimeUnit.SECONDS),
        "a read behind a queued erase runs after it, in order");
  }

  @Test
  void aDeviceCanBeLentToAToolWithItsDriverDetached() throws Exception {
    FlashBinder virtualizer = virtualizer(5000);
    Bench.Chip chip = bench.chip("nor0");
    virtualizer.bindDriver(bench.driver("cfi"), bench.driverProperties("cfi", 0));
    virtualizer.bindHardware(chip.device(), chip.properties());
    Flash flash = bench.flash("nor0");
    CompletableFuture<byte[]>[] queued = new CompletableFuture[1];
    String holderDuring =
        virtualizer.withDriverDetached(
            "nor0",
            () -> {
              try (MmioClaim tool = chip.device().claim("mmio:replay", 0)) {
                tool.write(0, 4, 0x00400040L);
                tool.write(0, 4, 0x12345678L);
                queued[0] = flash.readAsync(0, 4);
                Thread.sleep(50);
                assertFalse(queued[0].isDone(), "flash operations wait while the device is lent");
                return tool.owner();
              }
            });
    assertEquals("mmio:replay", holderDuring);
    assertArrayEquals(new byte[] {0x78, 0x56, 0x34, 0x12}, queued[0].get(5, TimeUnit.SECONDS));
    assertEquals("driver cfi", chip.device().holder().orElseThrow());
  }
}
