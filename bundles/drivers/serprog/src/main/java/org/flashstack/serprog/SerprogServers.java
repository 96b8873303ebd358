package org.flashstack.serprog;

import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The serprog servers running in the framework, as the shell's {@code serprog:} commands manage
 * them.
 */
@ProviderType
public interface SerprogServers {

  /**
   * A server that runs.
   *
   * @param bus the SPI bus it serves
   * @param address where it listens
   * @param clients how many clients are connected
   * @param operations how many SPI operations it ran
   */
  record Served(String bus, String address, int clients, long operations) {}

  /**
   * Serves the chips of SPI bus {@code bus} ({@code spi0}: its chip selects as the SPI virtualizer
   * offers them, so flashrom's transactions take their turns with everyone else's) on {@code port}
   * (0: any free one), on the configured address (loopback unless configured otherwise).
   *
   * @throws IllegalArgumentException if no SPI device is on that bus
   * @throws IOException if the port cannot be bound
   */
  Served serve(String bus, int port) throws IOException;

  /**
   * @return the servers that run
   */
  List<Served> list();

  /**
   * Stops the server on {@code port}.
   *
   * @return whether one ran there
   */
  boolean stop(int port);
}
