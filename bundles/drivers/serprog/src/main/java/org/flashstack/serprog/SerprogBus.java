package org.flashstack.serprog;

import java.io.IOException;
import org.osgi.annotation.versioning.ConsumerType;

/** The SPI bus a serprog server drives: its chip selects, one transaction at a time each. */
@ConsumerType
public interface SerprogBus {

  /**
   * @return what the bus is, for messages ({@code spi0})
   */
  String name();

  /**
   * @return whether {@code chipSelect} has a chip behind it
   */
  boolean hasChipSelect(int chipSelect);

  /**
   * Runs one transaction on {@code chipSelect}: CS# asserted, {@code write} sent, {@code read}
   * filled, CS# released (either may be empty).
   *
   * @throws IOException if the transaction could not be done
   */
  void transfer(int chipSelect, byte[] write, byte[] read) throws IOException;
}
