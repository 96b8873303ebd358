package org.flashstack.serprog;

import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Serprog programmers the framework drives as SPI controllers: each connection is an {@link
 * org.flashstack.api.spi.SpiMaster} service of its own bus, on which SPI devices are configured as
 * on any bus (with {@code spi.maxLanes = 1}: serprog carries one lane).
 */
@ProviderType
public interface SerprogClients {

  /**
   * Connects to the serprog programmer at {@code host:port} and registers it as SPI bus {@code
   * bus}.
   *
   * @throws IllegalArgumentException if the bus already has a controller here
   * @throws IOException if the programmer cannot be reached or does not drive SPI
   */
  void connect(String bus, String host, int port) throws IOException;

  /**
   * Closes the connection of {@code bus}.
   *
   * @return whether there was one
   */
  boolean disconnect(String bus);

  /**
   * @return "bus address" of each connection
   */
  List<String> list();
}
