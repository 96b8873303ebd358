package org.flashstack.virtualizer.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashGeometry;
import org.flashstack.api.flash.FlashHardware;
import org.flashstack.api.flash.FlashIdentity;

/**
 * A driver that records every operation its devices run, in the order they run, and notices two
 * operations overlapping on one device (which the virtualizer must never let happen).
 */
class RecordingDriver implements FlashDriver {

  /** One operation as it reached the driver. */
  record Operation(String driver, String kind, long address, byte[] data, long length) {}

  final List<Operation> log;
  final AtomicInteger overlaps;
  private final FlashDriver delegate;

  RecordingDriver(FlashDriver delegate, List<Operation> log, AtomicInteger overlaps) {
    this.delegate = delegate;
    this.log = log;
    this.overlaps = overlaps;
  }

  RecordingDriver(FlashDriver delegate) {
    this(delegate, new CopyOnWriteArrayList<>(), new AtomicInteger());
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean supports(FlashHardware hardware) {
    return delegate.supports(hardware);
  }

  @Override
  public FlashDevice attach(FlashHardware hardware) throws FlashException {
    FlashDevice device = delegate.attach(hardware);
    AtomicInteger inFlight = new AtomicInteger();
    return new FlashDevice() {
      private void enter() {
        if (inFlight.incrementAndGet() != 1) {
          overlaps.incrementAndGet();
        }
      }

      private void leave() {
        inFlight.decrementAndGet();
      }

      @Override
      public String name() {
        return device.name();
      }

      @Override
      public FlashIdentity identity() {
        return device.identity();
      }

      @Override
      public FlashGeometry geometry() {
        return device.geometry();
      }

      @Override
      public void read(long address, byte[] destination, int offset, int length)
          throws FlashException {
        enter();
        try {
          device.read(address, destination, offset, length);
        } finally {
          leave();
        }
      }

      @Override
      public void program(long address, byte[] source, int offset, int length)
          throws FlashException {
        enter();
        try {
          log.add(
              new Operation(
                  delegate.name(),
                  "program",
                  address,
                  java.util.Arrays.copyOfRange(source, offset, offset + length),
                  length));
          device.program(address, source, offset, length);
        } finally {
          leave();
        }
      }

      @Override
      public void erase(long address, long length) throws FlashException {
        enter();
        try {
          log.add(new Operation(delegate.name(), "erase", address, null, length));
          device.erase(address, length);
        } finally {
          leave();
        }
      }

      @Override
      public <T> Optional<T> detail(Class<T> type) {
        return device.detail(type);
      }

      @Override
      public void close() {
        device.close();
      }
    };
  }
}
