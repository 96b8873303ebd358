package org.flashstack.api.flash;

/**
 * Who made a flash device and what it is, as the device itself reports it.
 *
 * @param manufacturerId JEDEC manufacturer ID (bank continuation codes not included), e.g. 0x89
 *     Intel
 * @param deviceId the device ID as the device reports it (16 bits for CFI parts, the two bytes
 *     after the manufacturer for SPI NOR RDID)
 * @param interfaceDescription how the driver talks to it, e.g. {@code "CFI Intel/Sharp extended
 *     (0x0001), 2 x16 on a 32-bit bus"}
 */
public record FlashIdentity(int manufacturerId, int deviceId, String interfaceDescription) {

  /**
   * @return the manufacturer's name where the JEDEC ID is a well-known one, else "unknown"
   */
  public String manufacturerName() {
    return switch (manufacturerId) {
      case 0x01 -> "AMD/Spansion/Infineon";
      case 0x04 -> "Fujitsu";
      case 0x1f -> "Atmel/Adesto";
      case 0x20 -> "Micron/Numonyx/ST";
      case 0x2c -> "Micron";
      case 0x89 -> "Intel";
      case 0x9d -> "ISSI";
      case 0xb0 -> "Sharp";
      case 0xbf -> "SST/Microchip";
      case 0xc2 -> "Macronix";
      case 0xc8 -> "GigaDevice";
      case 0xef -> "Winbond";
      default -> "unknown";
    };
  }
}
