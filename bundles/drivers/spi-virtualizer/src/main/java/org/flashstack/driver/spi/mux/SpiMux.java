package org.flashstack.driver.spi.mux;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flashstack.api.spi.SpiDevice;
import org.flashstack.api.spi.SpiException;
import org.flashstack.api.spi.SpiMaster;
import org.flashstack.api.spi.SpiSegment;
import org.flashstack.api.spi.SpiSettings;

/**
 * Shares one {@link SpiMaster} among the {@link SpiDevice}s of its chip selects. A transaction has
 * the controller to itself from its first segment to its last; waiting transactions are served in
 * the order they arrived (a fair lock), none is dropped or replaced by a later one (Tock's
 * MuxSpiMaster, which keeps one pending request per device and overwrites it, is the counter-
 * example). Each device keeps its own settings. Thread-safe.
 */
public final class SpiMux {

  private final SpiMaster master;
  private final ReentrantLock controller = new ReentrantLock(true);
  private final long waitMillis;
  private volatile long transactions;

  /**
   * @param master the controller
   * @param waitMillis how long a transaction waits for the controller before failing
   */
  public SpiMux(SpiMaster master, long waitMillis) {
    this.master = Objects.requireNonNull(master, "master");
    this.waitMillis = waitMillis;
  }

  /**
   * @return the controller's bus
   */
  public String bus() {
    return master.bus();
  }

  /**
   * @return how many transactions have run
   */
  public long transactions() {
    return transactions;
  }

  /**
   * @return how many transactions wait for the controller
   */
  public int waiting() {
    return controller.getQueueLength();
  }

  /**
   * @param name the device name
   * @param chipSelect the chip select, 0 to the controller's count - 1
   * @param settings the device's clock and mode
   * @return the device
   * @throws IllegalArgumentException if the chip select does not exist
   */
  public SpiDevice device(String name, int chipSelect, SpiSettings settings) {
    if (chipSelect < 0 || chipSelect >= master.chipSelects()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: chip select %d does not exist on %s (it has %d)",
              name, chipSelect, master.bus(), master.chipSelects()));
    }
    return new Device(name, chipSelect, Objects.requireNonNull(settings, "settings"));
  }

  private void run(Device device, List<SpiSegment> segments) throws SpiException {
    boolean locked;
    try {
      locked = controller.tryLock(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpiException(
          SpiException.Reason.UNAVAILABLE, device.name + ": interrupted waiting for " + bus(), e);
    }
    if (!locked) {
      throw new SpiException(
          SpiException.Reason.TIMEOUT,
          String.format("%s: %s stayed busy for %d ms", device.name, bus(), waitMillis));
    }
    try {
      master.transfer(device.chipSelect, device.settings, segments);
      transactions++;
    } finally {
      controller.unlock();
    }
  }

  private final class Device implements SpiDevice {
    private final String name;
    private final int chipSelect;
    private final SpiSettings settings;

    Device(String name, int chipSelect, SpiSettings settings) {
      this.name = name;
      this.chipSelect = chipSelect;
      this.settings = settings;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String bus() {
      return master.bus();
    }

    @Override
    public int chipSelect() {
      return chipSelect;
    }

    @Override
    public SpiSettings settings() {
      return settings;
    }

    @Override
    public void transfer(List<SpiSegment> segments) throws SpiException {
      run(this, segments);
    }

    @Override
    public String toString() {
      return name + " on " + master.bus() + " cs" + chipSelect;
    }
  }
}
