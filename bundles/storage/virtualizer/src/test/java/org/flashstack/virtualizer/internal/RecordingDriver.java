package org.flashstack.virtualizer.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flashstack.api.flash.FlashDevice;
import org.flashstack.api.flash.FlashDriver;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.flash.FlashHardware;

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
    return new DelegatingDevice(device) {
      private void enter() {
        if (inFlight.incrementAndGet() != 1) {
          overlaps.incrementAndGet();
        }
      }

      private void leave() {
        inFlight.decrementAndGet();
      }

      @Override
      public void read(long address, byte[] destination, int offset, int length)
          throws FlashException {
        enter();
        try {
          super.read(address, destination, offset, length);
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
          super.program(address, source, offset, length);
        } finally {
          leave();
        }
      }

      @Override
      public void erase(long address, long length) throws FlashException {
        enter();
        try {
          log.add(new Operation(delegate.name(), "erase", address, null, length));
          super.erase(address, length);
        } finally {
          leave();
        }
      }
    };
  }
}
