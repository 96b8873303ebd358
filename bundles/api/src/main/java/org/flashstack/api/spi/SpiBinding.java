package org.flashstack.api.spi;

/**
 * Service properties and names that put a chip on a chip select. A chip model registers its {@link
 * SpiTarget} with {@link #BUS} and {@link #CHIP_SELECT}; a controller model binds the targets of
 * its own bus with the filter {@link #busFilter(String)}.
 */
public final class SpiBinding {

  /** Service property: the name of the SPI bus the chip is wired to, e.g. {@code spi0}. */
  public static final String BUS = "spi.bus";

  /** Service property: the chip select line the chip answers on, 0 and up (an Integer). */
  public static final String CHIP_SELECT = "spi.cs";

  /** Service property: the catalog part name of the chip, e.g. {@code W25Q256JV}. */
  public static final String PART = "spi.part";

  /**
   * Service property of a chip's SPI device: the most data lanes its path carries (1, 2 or 4; an
   * Integer or its text), when less than the controller's, e.g. 1 behind a serprog programmer. A
   * flash driver reads and writes the chip with no more lanes than this.
   *
   * @since 1.1
   */
  public static final String MAX_LANES = "spi.maxLanes";

  /** The device-tree compatible string of SPI NOR flash chips. */
  public static final String COMPATIBLE_SPI_NOR = "jedec,spi-nor";

  private SpiBinding() {}

  /**
   * @param bus a bus name
   * @return the LDAP filter matching the targets on that bus
   */
  public static String busFilter(String bus) {
    return "("
        + BUS
        + "="
        + bus.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*")
        + ")";
  }
}
