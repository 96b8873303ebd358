package org.flashstack.driver.spinor;

import java.util.List;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.spi.SpiSegment;

/**
 * Raw command pass-through to an SPI NOR chip (seed 000's process_cmds), through the same queue as
 * every other operation: {@code flash.detail(SpiNorRaw.class)}. The caller owns what the command
 * does to the chip's state.
 */
public interface SpiNorRaw {

  /**
   * Runs one transaction on the chip.
   *
   * @throws FlashException if the controller could not carry it out
   */
  void transfer(List<SpiSegment> segments) throws FlashException;
}
