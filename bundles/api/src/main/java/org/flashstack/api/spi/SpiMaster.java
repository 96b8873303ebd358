package org.flashstack.api.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An SPI controller as software drives it: what a host driver (the OpenTitan SPI host driver, a
 * vendor's) provides, registered with {@link SpiBinding#BUS} naming its bus. One transaction at a
 * time per controller; a caller that needs several chip selects shares the controller through the
 * SPI virtualizer's {@code SpiDevice}s.
 */
@ConsumerType
public interface SpiMaster {

  /**
   * @return the bus name, e.g. {@code spi0}
   */
  String bus();

  /**
   * @return how many chip selects the controller has
   */
  int chipSelects();

  /**
   * Runs one transaction: CS# asserted on {@code chipSelect}, the segments in order, CS# released.
   * Receive segments are filled when this returns.
   *
   * @param chipSelect 0 to {@link #chipSelects()} - 1
   * @param settings clock and mode for this chip select
   * @param segments at least one
   * @throws SpiException if the controller could not carry it out; the controller is usable again
   */
  void transfer(int chipSelect, SpiSettings settings, List<SpiSegment> segments)
      throws SpiException;
}
