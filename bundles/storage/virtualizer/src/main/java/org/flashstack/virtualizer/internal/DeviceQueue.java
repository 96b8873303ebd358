package org.flashstack.virtualizer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashEvents;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's queue (ESP-IDF's rule: every operation has the device to itself). Operations run one
 * at a time on the driver currently attached; none is dropped or replaced. Each user's operations
 * (a user is a {@link org.flashstack.api.flash.Flash#forUser} view, a partition for instance) run
 * in the order they arrived, and the users take turns, one operation each ({@link TurnQueue}), so a
 * user with a thousand operations queued delays another's next one by at most one of its own.
 *
 * <p>The device is held by whoever wins the {@code busy} flag. A blocking operation on an idle
 * device with nothing queued runs at once on its caller's thread (an idle device costs one
 * compare-and-set, not a thread hand-off). Otherwise the operation is queued, and whoever holds the
 * device runs the queued operations in order before letting go (up to a batch, then the rest goes
 * to the executor), completing each one's future: the device stays busy while the waiting callers
 * wake up, so many callers cost little more than one. Asynchronous operations are always queued and
 * run on the holder's or the executor's thread.
 *
 * <p>Drivers come and go with {@link #detach()} and {@link #attach}: a detach waits for the
 * operation in flight, which finishes on the departing driver, and keeps the queue; operations then
 * wait for the next driver up to the wait limit, after which they fail with {@link
 * FlashError#UNAVAILABLE}.
 */
final class DeviceQueue {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceQueue.class);

  /** Queued operations one holder runs before it hands the rest to the executor. */
  private static final int BATCH = 32;

  /** What an operation does with the device's driver. */
  @FunctionalInterface
  interface Work<T> {
    T run(FlashDevice device) throws FlashException;
  }

  /** One queued operation. */
  private static final class Request<T> {
    final String operation;
    final long address;
    final Work<T> work;
    final UsageCounter usage;
    final long enqueuedNanos = System.nanoTime();
    final CompletableFuture<T> result = new CompletableFuture<>();

    /** System.nanoTime() after which it fails for want of a driver; 0 while one is attached. */
    volatile long driverDeadline;

    Request(String operation, long address, Work<T> work, UsageCounter usage) {
      this.operation = operation;
      this.address = address;
      this.work = work;
      this.usage = usage;
    }
  }

  private final String name;
  private final java.util.function.Supplier<EventSink> events;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private volatile long waitLimitNanos;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final TurnQueue<Request<?>> pending = new TurnQueue<>(request -> request.usage);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private volatile FlashDevice driver;
  private volatile boolean detaching;
  private volatile String driverName;
  private volatile Instant driverSince;
  private volatile String attachProblem;
  private volatile FlashIdentity identity;
  private volatile FlashGeometry geometry;
  // Counted by the device's holder only (one at a time; the busy flag orders successive holders),
  // so plain fields; operations failed without running are counted apart.
  private long served;
  private long failed;
  private long waitedNanos;
  private long maxWaitNanos;
  private final LongAdder droppedWithoutRunning = new LongAdder();
  private long driverChanges;
  private boolean expiryArmed;

  DeviceQueue(
      String name, Executor executor, ScheduledExecutorService scheduler, long waitLimitMillis) {
    this(name, executor, scheduler, waitLimitMillis, () -> EventSink.NONE);
  }

  /**
   * @param events where operation events go (asked per operation: the sink can change at runtime)
   */
  DeviceQueue(
      String name,
      Executor executor,
      ScheduledExecutorService scheduler,
      long waitLimitMillis,
      java.util.function.Supplier<EventSink> events) {
    this.events = events;
    this.name = name;
    this.executor = executor;
    this.scheduler = scheduler;
    this.waitLimitNanos = TimeUnit.MILLISECONDS.toNanos(waitLimitMillis);
  }

  String name() {
    return name;
  }

  /** Sets how long operations wait for a driver, from the next wait on. */
  void setWaitLimit(long waitLimitMillis) {
    this.waitLimitNanos = TimeUnit.MILLISECONDS.toNanos(waitLimitMillis);
  }

  /**
   * @return the identity the last attached driver read, or null before the first attach
   */
  FlashIdentity identity() {
    return identity;
  }

  /**
   * @return the geometry of the last attached driver, or null before the first attach
   */
  FlashGeometry geometry() {
    return geometry;
  }

  /**
   * @return the driver serving the device, or null
   */
  String driverName() {
    return driverName;
  }

  /**
   * @return the attached driver's device, for details that need no queue, or null
   */
  FlashDevice attached() {
    return driver;
  }

  /** Runs {@code work} in its turn and returns its result; on this thread if the device is idle. */
  <T> T call(String operation, long address, Work<T> work, UsageCounter usage)
      throws FlashException {
    if (pending.isEmpty() && !detaching) {
      FlashDevice device = driver;
      if (device != null && busy.compareAndSet(false, true)) {
        if (driver != device || detaching) {
          release();
          return queued(operation, address, work, usage);
        }
        return runHeld(work, device, operation, address, usage);
      }
    }
    return queued(operation, address, work, usage);
  }

  /** Runs {@code work} on the device this thread holds, counts it and lets go. */
  private <T> T runHeld(
      Work<T> work, FlashDevice device, String operation, long address, UsageCounter usage)
      throws FlashException {
    boolean ok = false;
    try {
      T value = execute(work, device, operation, address, usage);
      ok = true;
      return value;
    } finally {
      served++;
      if (!ok) {
        failed++;
      }
      release();
    }
  }

  /** Queues a blocking operation and waits for its result (the holder runs it). */
  private <T> T queued(String operation, long address, Work<T> work, UsageCounter usage)
      throws FlashException {
    Request<T> request = enqueue(operation, address, work, usage);
    drain();
    return await(request);
  }

  /** Runs {@code work} now if the device is idle and has a driver; fails with BUSY otherwise. */
  <T> T callIfIdle(String operation, long address, Work<T> work, UsageCounter usage)
      throws FlashException {
    FlashDevice device = driver;
    if (device != null && !detaching && pending.isEmpty() && busy.compareAndSet(false, true)) {
      if (driver != device || detaching) {
        release();
        throw new FlashException(
            FlashError.BUSY, name, operation, address, "the device is changing drivers");
      }
      return runHeld(work, device, operation, address, usage);
    }
    throw new FlashException(
        FlashError.BUSY,
        name,
        operation,
        address,
        device == null
            ? "no driver serves the device right now"
            : String.format(
                "the device is busy (%d running, %d queued)", busy.get() ? 1 : 0, pending.size()));
  }

  /**
   * Runs {@code work} on this thread if the device is idle, returning a completed future, else
   * queues it as {@link #submit} does. For reads only: they never wait for cells, and a thread
   * handoff costs more than they do.
   */
  <T> CompletableFuture<T> submitOrRunIdle(
      String operation, long address, Work<T> work, UsageCounter usage) {
    if (pending.isEmpty() && !detaching) {
      FlashDevice device = driver;
      if (device != null && busy.compareAndSet(false, true)) {
        if (driver != device || detaching) {
          release();
          return submit(operation, address, work, usage);
        }
        try {
          T value = runHeld(work, device, operation, address, usage);
          return value == null ? Done.withNull() : CompletableFuture.completedFuture(value);
        } catch (FlashException | RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }
    return submit(operation, address, work, usage);
  }

  /** Queues {@code work}; the future completes when it has run. */
  <T> CompletableFuture<T> submit(
      String operation, long address, Work<T> work, UsageCounter usage) {
    Request<T> request = enqueue(operation, address, work, usage);
    if (!busy.get()) {
      drainLater();
    }
    return request.result;
  }

  private <T> Request<T> enqueue(String operation, long address, Work<T> work, UsageCounter usage) {
    Request<T> request = new Request<>(operation, address, work, usage);
    pending.add(request);
    if (driver == null) {
      request.driverDeadline = System.nanoTime() + waitLimitNanos;
      lock.lock();
      try {
        armExpiry();
      } finally {
        lock.unlock();
      }
    }
    return request;
  }

  private <T> T await(Request<T> request) throws FlashException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return request.result.get();
        } catch (InterruptedException e) {
          interrupted = true;
          if (pending.remove(request)) {
            throw new FlashException(
                FlashError.UNAVAILABLE,
                name,
                request.operation,
                request.address,
                "interrupted while waiting for its turn; nothing was done");
          }
          // Already running: wait for it to finish.
        } catch (ExecutionException e) {
          if (e.getCause() instanceof FlashException flash) {
            throw flash;
          }
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Runs queued operations while this thread can hold the device: in order, up to a batch, then
   * hands the rest to the executor.
   */
  private void drain() {
    while (!pending.isEmpty() && !detaching) {
      FlashDevice device = driver;
      if (device == null || !busy.compareAndSet(false, true)) {
        return;
      }
      int ran = 0;
      try {
        Request<?> next;
        while (ran < BATCH && driver == device && !detaching && (next = pending.poll()) != null) {
          run(next, device);
          ran++;
        }
      } finally {
        letGo();
      }
      if (ran == BATCH) {
        drainLater();
        return;
      }
    }
  }

  private void drainLater() {
    try {
      executor.execute(this::drain);
    } catch (RuntimeException rejected) {
      failAll("the flash virtualizer is stopping");
    }
  }

  private <T> void run(Request<T> request, FlashDevice device) {
    long waited = System.nanoTime() - request.enqueuedNanos;
    waitedNanos += waited;
    maxWaitNanos = Math.max(maxWaitNanos, waited);
    request.usage.queued(waited);
    boolean ok = false;
    try {
      request.result.complete(
          execute(request.work, device, request.operation, request.address, request.usage));
      ok = true;
    } catch (FlashException | RuntimeException | Error e) {
      request.result.completeExceptionally(e);
    } finally {
      served++;
      if (!ok) {
        failed++;
      }
    }
  }

  /** Lets go of the device; wakes a waiting detach, and runs what was queued meanwhile. */
  private void release() {
    letGo();
    if (!detaching && !pending.isEmpty()) {
      drainLater();
    }
  }

  /** Lets go of the device and wakes a waiting detach; the caller sees to what is queued. */
  private void letGo() {
    busy.set(false);
    if (detaching) {
      lock.lock();
      try {
        idle.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Runs the work on the driver, turning a driver's runtime failure into a DEVICE_FAULT. */
  private <T> T execute(
      Work<T> work, FlashDevice device, String operation, long address, UsageCounter usage)
      throws FlashException {
    EventSink sink = events.get();
    try {
      T value = work.run(device);
      if (sink.operationsWanted()) {
        sink.post(FlashEvents.OPERATION_COMPLETED, operationEvent(operation, address, usage));
      }
      return value;
    } catch (FlashException e) {
      usage.failed();
      failed(sink, operation, address, usage, e);
      throw e;
    } catch (RuntimeException e) {
      usage.failed();
      LOG.error("{}: the driver failed during {}", name, operation, e);
      FlashException fault =
          new FlashException(
              FlashError.DEVICE_FAULT, name, operation, address, "the driver failed: " + e, e);
      failed(sink, operation, address, usage, fault);
      throw fault;
    }
  }

  private java.util.Map<String, Object> operationEvent(
      String operation, long address, UsageCounter usage) {
    java.util.Map<String, Object> properties = new java.util.HashMap<>();
    properties.put(FlashEvents.DEVICE, name);
    properties.put(FlashEvents.OPERATION, operation);
    properties.put(FlashEvents.ADDRESS, address);
    if (usage.user() != null) {
      properties.put(FlashEvents.USER, usage.user());
    }
    return properties;
  }

  private void failed(
      EventSink sink, String operation, long address, UsageCounter usage, FlashException e) {
    if (sink.operationsWanted()) {
      java.util.Map<String, Object> properties = operationEvent(operation, address, usage);
      properties.put(FlashEvents.ERROR, e.error().name());
      properties.put(FlashEvents.MESSAGE, String.valueOf(e.getMessage()));
      sink.post(FlashEvents.OPERATION_FAILED, properties);
    }
  }

  /**
   * Takes the driver away: waits for the operation in flight (it finishes on this driver), then
   * holds the queue until the next {@link #attach}.
   *
   * @return the departing driver's device, to close, or null if none was attached
   */
  FlashDevice detach() {
    lock.lock();
    try {
      FlashDevice departing = driver;
      detaching = true;
      driver = null;
      boolean interrupted = false;
      while (!busy.compareAndSet(false, true)) {
        try {
          idle.await(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      busy.set(false);
      detaching = false;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (departing != null) {
        driverName = null;
        driverSince = Instant.now();
        driverChanges++;
        long deadline = System.nanoTime() + waitLimitNanos;
        for (Request<?> request : pending.snapshot()) {
          request.driverDeadline = deadline;
        }
        armExpiry();
      }
      return departing;
    } finally {
      lock.unlock();
    }
  }

  /** Gives the queue a driver; waiting operations resume on it in their order. */
  void attach(FlashDevice device, String name) {
    lock.lock();
    try {
      identity = device.identity();
      geometry = device.geometry();
      driverName = name;
      driverSince = Instant.now();
      attachProblem = null;
      for (Request<?> request : pending.snapshot()) {
        request.driverDeadline = 0;
      }
      driver = device;
    } finally {
      lock.unlock();
    }
    if (!pending.isEmpty()) {
      drainLater();
    }
  }

  /**
   * Records why the drivers tried did not attach, each named; null when none was tried.
   *
   * @param problem what the statistics report until a driver attaches
   */
  void attachProblem(String problem) {
    attachProblem = problem;
  }

  /** Fails every waiting operation at once (the virtualizer stops). */
  void failAll(String reason) {
    Request<?> request;
    while ((request = pending.poll()) != null) {
      droppedWithoutRunning.increment();
      fail(request, reason);
    }
  }

  /** Schedules the expiry of requests waiting for a driver. Called with the lock held. */
  private void armExpiry() {
    if (expiryArmed) {
      return;
    }
    long next = Long.MAX_VALUE;
    long now = System.nanoTime();
    for (Request<?> request : pending.snapshot()) {
      long deadline = request.driverDeadline;
      if (deadline != 0) {
        next = Math.min(next, deadline - now);
      }
    }
    if (next == Long.MAX_VALUE) {
      return;
    }
    expiryArmed = true;
    try {
      scheduler.schedule(this::expire, Math.max(0, next), TimeUnit.NANOSECONDS);
    } catch (RuntimeException rejected) {
      expiryArmed = false;
    }
  }

  /** Fails the operations that waited for a driver longer than the limit. */
  private void expire() {
    List<Request<?>> expired = new ArrayList<>();
    lock.lock();
    try {
      expiryArmed = false;
      if (driver == null) {
        long now = System.nanoTime();
        for (Request<?> request : pending.snapshot()) {
          long deadline = request.driverDeadline;
          if (deadline != 0 && now - deadline >= 0 && pending.remove(request)) {
            expired.add(request);
            droppedWithoutRunning.increment();
          }
        }
        armExpiry();
      }
    } finally {
      lock.unlock();
    }
    for (Request<?> request : expired) {
      fail(
          request,
          String.format(
              "no driver bound: none served the device within the %d ms wait limit",
              TimeUnit.NANOSECONDS.toMillis(waitLimitNanos)));
    }
  }

  private void fail(Request<?> request, String reason) {
    request.result.completeExceptionally(
        new FlashException(
            FlashError.UNAVAILABLE, name, request.operation, request.address, reason));
  }

  DeviceQueueStatistics statistics() {
    lock.lock();
    try {
      return new DeviceQueueStatistics(
          name,
          driverName,
          driverSince,
          pending.size(),
          busy.get() ? 1 : 0,
          served + droppedWithoutRunning.sum(),
          failed + droppedWithoutRunning.sum(),
          waitedNanos,
          maxWaitNanos,
          driverChanges,
          driver == null ? attachProblem : null);
    } finally {
      lock.unlock();
    }
  }
}
