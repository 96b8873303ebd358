package org.flashstack.api.spi;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One chip select of one controller, with its own settings, as the SPI virtualizer provides it
 * (service properties {@link SpiBinding#BUS}, {@link SpiBinding#CHIP_SELECT} and the device's
 * {@code device.name}). Transactions of different devices on one controller never interleave and
 * are served in the order they arrive.
 */
@ProviderType
public interface SpiDevice {

  /**
   * @return the device name, e.g. {@code flash0}
   */
  String name();

  /**
   * @return the bus
   */
  String bus();

  /**
   * @return the chip select
   */
  int chipSelect();

  /**
   * @return the clock and mode this device is driven with
   */
  SpiSettings settings();

  /**
   * Runs one transaction on this chip select.
   *
   * @throws SpiException if the controller could not carry it out
   */
  void transfer(List<SpiSegment> segments) throws SpiException;
}
