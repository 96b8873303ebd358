package org.flashstack.virtualizer.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.flashstack.api.flash.DeviceQueueStatistics;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's queue (ESP-IDF's rule: every operation has the device to itself). Operations run one
 * at a time in arrival order on the driver currently attached; none is dropped or replaced. A
 * blocking operation runs on its caller's thread when its turn comes (so an idle device costs a
 * lock, not a thread hand-off), an asynchronous one on the virtualizer's executor.
 *
 * <p>Drivers come and go with {@link #detach()} and {@link #attach}: a detach waits for the
 * operation in flight, which finishes on the departing driver, and holds the queue; operations then
 * wait for the next driver up to the wait limit, after which they fail with {@link
 * FlashError#UNAVAILABLE}.
 */
final class DeviceQueue {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceQueue.class);

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
    final boolean blocking;
    final long enqueuedNanos = System.nanoTime();
    final CompletableFuture<T> result = new CompletableFuture<>();

    /** For a blocking request: completed with the driver when its turn comes. */
    final CompletableFuture<FlashDevice> turn;

    /** System.nanoTime() after which it fails for want of a driver; 0 while one is attached. */
    long driverDeadline;

    Request(String operation, long address, Work<T> work, boolean blocking) {
      this.operation = operation;
      this.address = address;
      this.work = work;
      this.blocking = blocking;
      this.turn = blocking ? new CompletableFuture<>() : null;
    }
  }

  private final String name;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private volatile long waitLimitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final ArrayDeque<Request<?>> pending = new ArrayDeque<>();
  private Request<?> running;
  private FlashDevice driver;
  private String driverName;
  private Instant driverSince;
  private FlashIdentity identity;
  private FlashGeometry geometry;
  private long served;
  private long failed;
  private long waitedNanos;
  private long maxWaitNanos;
  private long driverChanges;
  private boolean expiryArmed;

  DeviceQueue(
      String name, Executor executor, ScheduledExecutorService scheduler, long waitLimitMillis) {
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
    lock.lock();
    try {
      return identity;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the geometry of the last attached driver, or null before the first attach
   */
  FlashGeometry geometry() {
    lock.lock();
    try {
      return geometry;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the driver serving the device, or null
   */
  String driverName() {
    lock.lock();
    try {
      return driverName;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the attached driver's device, for details that need no queue, or null
   */
  FlashDevice attached() {
    lock.lock();
    try {
      return driver;
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} when its turn comes, on this thread, and returns its result. */
  <T> T call(String operation, long address, Work<T> work) throws FlashException {
    Request<T> request = new Request<>(operation, address, work, true);
    FlashDevice device;
    lock.lock();
    try {
      if (running == null && pending.isEmpty() && driver != null) {
        running = request;
        device = driver;
      } else {
        enqueue(request);
        dispatch();
        device = null;
      }
    } finally {
      lock.unlock();
    }
    if (device == null) {
      device = awaitTurn(request);
    }
    return runBlocking(request, device);
  }

  /** Runs {@code work} now if the device is idle and has a driver; fails with BUSY otherwise. */
  <T> T callIfIdle(String operation, long address, Work<T> work) throws FlashException {
    Request<T> request = new Request<>(operation, address, work, true);
    FlashDevice device;
    lock.lock();
    try {
      if (running != null || !pending.isEmpty() || driver == null) {
        throw new FlashException(
            FlashError.BUSY,
            name,
            operation,
            address,
            driver == null
                ? "no driver serves the device right now"
                : String.format(
                    "the device is busy (%d running, %d queued)",
                    running == null ? 0 : 1, pending.size()));
      }
      running = request;
      device = driver;
    } finally {
      lock.unlock();
    }
    return runBlocking(request, device);
  }

  /** Queues {@code work}; the future completes when it has run. */
  <T> CompletableFuture<T> submit(String operation, long address, Work<T> work) {
    Request<T> request = new Request<>(operation, address, work, false);
    lock.lock();
    try {
      enqueue(request);
      dispatch();
    } finally {
      lock.unlock();
    }
    return request.result;
  }

  private void enqueue(Request<?> request) {
    pending.addLast(request);
    if (driver == null) {
      request.driverDeadline = System.nanoTime() + waitLimitNanos;
      armExpiry();
    }
  }

  private FlashDevice awaitTurn(Request<?> request) throws FlashException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return request.turn.get();
        } catch (InterruptedException e) {
          interrupted = true;
          lock.lock();
          try {
            if (pending.remove(request)) {
              throw new FlashException(
                  FlashError.UNAVAILABLE,
                  name,
                  request.operation,
                  request.address,
                  "interrupted while waiting for its turn; nothing was done");
            }
          } finally {
            lock.unlock();
          }
          // Already dispatched: it must run and release the device.
        } catch (ExecutionException e) {
          if (e.getCause() instanceof FlashException flash) {
            throw flash;
          }
          throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
          throw new IllegalStateException(e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private <T> T runBlocking(Request<T> request, FlashDevice device) throws FlashException {
    boolean ok = false;
    try {
      T value = execute(request, device);
      ok = true;
      return value;
    } finally {
      finished(ok);
    }
  }

  private <T> void runAsync(Request<T> request, FlashDevice device) {
    boolean ok = false;
    try {
      request.result.complete(execute(request, device));
      ok = true;
    } catch (FlashException e) {
      request.result.completeExceptionally(e);
    } catch (RuntimeException | Error e) {
      request.result.completeExceptionally(e);
    } finally {
      finished(ok);
    }
  }

  /** Runs the work on the driver, turning a driver's runtime failure into a DEVICE_FAULT. */
  private <T> T execute(Request<T> request, FlashDevice device) throws FlashException {
    try {
      return request.work.run(device);
    } catch (FlashException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.error("{}: the driver failed during {}", name, request.operation, e);
      throw new FlashException(
          FlashError.DEVICE_FAULT,
          name,
          request.operation,
          request.address,
          "the driver failed: " + e,
          e);
    }
  }

  private void finished(boolean ok) {
    lock.lock();
    try {
      running = null;
      served++;
      if (!ok) {
        failed++;
      }
      idle.signalAll();
      dispatch();
    } finally {
      lock.unlock();
    }
  }

  /** Starts the next request if the device is free and has a driver. Called with the lock held. */
  private void dispatch() {
    if (running != null || driver == null || pending.isEmpty()) {
      return;
    }
    Request<?> next = pending.pollFirst();
    running = next;
    long waited = System.nanoTime() - next.enqueuedNanos;
    waitedNanos += waited;
    maxWaitNanos = Math.max(maxWaitNanos, waited);
    FlashDevice device = driver;
    if (next.blocking) {
      next.turn.complete(device);
    } else {
      dispatchAsync(next, device);
    }
  }

  private <T> void dispatchAsync(Request<T> request, FlashDevice device) {
    try {
      executor.execute(() -> runAsync(request, device));
    } catch (RuntimeException rejected) {
      running = null;
      request.result.completeExceptionally(
          new FlashException(
              FlashError.UNAVAILABLE,
              name,
              request.operation,
              request.address,
              "the flash virtualizer is stopping"));
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
      driver = null;
      boolean interrupted = false;
      while (running != null) {
        try {
          idle.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (departing != null) {
        driverName = null;
        driverSince = Instant.now();
        driverChanges++;
        long deadline = System.nanoTime() + waitLimitNanos;
        for (Request<?> request : pending) {
          request.driverDeadline = deadline;
        }
        if (!pending.isEmpty()) {
          armExpiry();
        }
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
      driver = device;
      driverName = name;
      driverSince = Instant.now();
      identity = device.identity();
      geometry = device.geometry();
      for (Request<?> request : pending) {
        request.driverDeadline = 0;
      }
      dispatch();
    } finally {
      lock.unlock();
    }
  }

  /** Fails every waiting operation at once (the virtualizer stops). */
  void failAll(String reason) {
    List<Request<?>> dropped;
    lock.lock();
    try {
      dropped = new ArrayList<>(pending);
      pending.clear();
    } finally {
      lock.unlock();
    }
    for (Request<?> request : dropped) {
      fail(request, reason);
    }
  }

  private void armExpiry() {
    if (expiryArmed) {
      return;
    }
    long next = Long.MAX_VALUE;
    long now = System.nanoTime();
    for (Request<?> request : pending) {
      if (request.driverDeadline != 0) {
        next = Math.min(next, request.driverDeadline - now);
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
        for (Iterator<Request<?>> it = pending.iterator(); it.hasNext(); ) {
          Request<?> request = it.next();
          if (request.driverDeadline != 0 && now - request.driverDeadline >= 0) {
            it.remove();
            expired.add(request);
            served++;
            failed++;
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
    FlashException e =
        new FlashException(
            FlashError.UNAVAILABLE, name, request.operation, request.address, reason);
    if (request.blocking) {
      request.turn.completeExceptionally(e);
    } else {
      request.result.completeExceptionally(e);
    }
  }

  DeviceQueueStatistics statistics() {
    lock.lock();
    try {
      return new DeviceQueueStatistics(
          name,
          driverName,
          driverSince,
          pending.size(),
          running == null ? 0 : 1,
          served,
          failed,
          waitedNanos,
          maxWaitNanos,
          driverChanges);
    } finally {
      lock.unlock();
    }
  }
}
