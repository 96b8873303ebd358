package org.flashstack.api.mmio;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flashstack.api.device.DeviceClaimException;
import org.flashstack.api.device.DevicePower;
import org.flashstack.api.device.PowerLossException;

/**
 * The ownership and power-supply side every MMIO device model shares: wraps a model's raw registers
 * so that they are reached only through a {@link MmioClaim}, one owner at a time, and gives the
 * model a {@link DevicePower} supply.
 *
 * <p>A power cut (from {@link #cut()}, or a {@link PowerLossException} raised by the model's media
 * during an access) makes every access of every claim fail with {@link PowerLossException} until
 * {@link #restore()} and the owner's {@link MmioClaim#acknowledgePowerLoss()}. {@link #restore()}
 * runs the model's power-up reset with the registers held exclusively, so it waits for nothing but
 * the access in progress.
 */
public final class ClaimableMmioDevice implements MmioDevice, DevicePower {

  private final MmioBus registers;
  private final Runnable powerUpReset;
  private final Object monitor = new Object();
  private Claim current;
  private volatile boolean powered = true;
  private volatile long powerEpoch;
  private long claims;
  private long refusedAccesses;

  /**
   * @param registers the model's registers; nothing else may reach them
   * @param powerUpReset puts the model in its power-up state (volatile state lost, cells kept)
   */
  public ClaimableMmioDevice(MmioBus registers, Runnable powerUpReset) {
    this.registers = Objects.requireNonNull(registers, "registers");
    this.powerUpReset = Objects.requireNonNull(powerUpReset, "powerUpReset");
  }

  @Override
  public String name() {
    return registers.name();
  }

  @Override
  public long size() {
    return registers.size();
  }

  @Override
  public MmioClaim claim(String owner, long timeoutMillis) throws DeviceClaimException {
    Objects.requireNonNull(owner, "owner");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
    synchronized (monitor) {
      while (current != null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new DeviceClaimException(
              name(),
              current.owner,
              String.format(
                  "%s is claimed by %s; %s waited %d ms for it",
                  name(), current.owner, owner, Math.max(0, timeoutMillis)));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(monitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DeviceClaimException(
              name(), current.owner, name() + ": claim by " + owner + " interrupted");
        }
      }
      current = new Claim(owner, powerEpoch);
      claims++;
      return current;
    }
  }

  @Override
  public Optional<String> holder() {
    synchronized (monitor) {
      return current == null ? Optional.empty() : Optional.of(current.owner);
    }
  }

  /**
   * @return how many claims were granted since the model started
   */
  public long claimCount() {
    synchronized (monitor) {
      return claims;
    }
  }

  /**
   * @return how many accesses were refused because they came through a released claim
   */
  public long refusedAccessCount() {
    synchronized (monitor) {
      return refusedAccesses;
    }
  }

  @Override
  public void cut() {
    synchronized (monitor) {
      if (powered) {
        powered = false;
        powerEpoch++;
      }
    }
  }

  @Override
  public void restore() {
    registers.exclusive(
        bus -> {
          if (!powered) {
            powerUpReset.run();
            powered = true;
          }
          return null;
        });
  }

  @Override
  public boolean isPowered() {
    return powered;
  }

  @Override
  public long powerLossCount() {
    return powerEpoch;
  }

  private void release(Claim claim) {
    synchronized (monitor) {
      if (current == claim) {
        current = null;
        monitor.notifyAll();
      }
    }
  }

  private void refused() {
    synchronized (monitor) {
      refusedAccesses++;
    }
  }

  /** One owner's handle; every access checks that it is still the owner and the power is on. */
  private final class Claim implements MmioClaim {
    private final String owner;
    private volatile long seenEpoch;
    private volatile boolean released;

    Claim(String owner, long epoch) {
      this.owner = owner;
      this.seenEpoch = epoch;
    }

    @Override
    public String owner() {
      return owner;
    }

    @Override
    public String name() {
      return registers.name();
    }

    @Override
    public long size() {
      return registers.size();
    }

    private void check() {
      if (released) {
        refused();
        throw new MmioAccessException(
            name() + ": access refused: the claim of " + owner + " was released");
      }
      if (!powered) {
        throw new PowerLossException(name() + ": the device is powered off");
      }
      if (seenEpoch != powerEpoch) {
        throw new PowerLossException(
            name() + ": the device lost power since " + owner + " last used it");
      }
    }

    private PowerLossException lost(PowerLossException e) {
      cut();
      return e;
    }

    @Override
    public long read(long offset, int width) {
      check();
      try {
        return registers.read(offset, width);
      } catch (PowerLossException e) {
        throw lost(e);
      }
    }

    @Override
    public void write(long offset, int width, long value) {
      check();
      try {
        registers.write(offset, width, value);
      } catch (PowerLossException e) {
        throw lost(e);
      }
    }

    @Override
    public void readBulk(long offset, byte[] destination, int destinationOffset, int length) {
      check();
      try {
        registers.readBulk(offset, destination, destinationOffset, length);
      } catch (PowerLossException e) {
        throw lost(e);
      }
    }

    @Override
    public boolean dmaHandshake(long offset) {
      return registers.dmaHandshake(offset);
    }

    @Override
    public int readDma(
        long offset,
        int width,
        byte[] destination,
        int destinationOffset,
        int count,
        long timeoutNanos) {
      check();
      try {
        return registers.readDma(
            offset, width, destination, destinationOffset, count, timeoutNanos);
      } catch (PowerLossException e) {
        throw lost(e);
      }
    }

    @Override
    public void readRepeated(
        long offset, int width, byte[] destination, int destinationOffset, int count) {
      check();
      try {
        registers.readRepeated(offset, width, destination, destinationOffset, count);
      } catch (PowerLossException e) {
        throw lost(e);
      }
    }

    @Override
    public <T, X extends Exception> T exclusive(MmioSession<T, X> session) throws X {
      check();
      return registers.exclusive(bus -> session.run(this));
    }

    @Override
    public boolean acknowledgePowerLoss() {
      if (released || !powered) {
        return false;
      }
      long epoch = powerEpoch;
      boolean lost = seenEpoch != epoch;
      seenEpoch = epoch;
      return lost;
    }

    @Override
    public void close() {
      released = true;
      release(this);
    }

    @Override
    public String toString() {
      return name() + " claimed by " + owner;
    }
  }
}
