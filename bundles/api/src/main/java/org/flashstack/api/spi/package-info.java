/**
 * The SPI bus between a controller model and the chips on its chip selects: the silicon side of
 * SPI. A controller model (the OpenTitan SPI host, a vendor QSPI block, a serprog bridge) drives
 * each chip through {@link org.flashstack.api.spi.SpiTarget}: chip select asserted, segments of
 * bytes clocked in one direction or both on one, two, four or eight data lines, dummy clocks, chip
 * select released. Chips register one {@code SpiTarget} service per chip select, with the
 * properties {@link org.flashstack.api.spi.SpiBinding#BUS} and {@link
 * org.flashstack.api.spi.SpiBinding#CHIP_SELECT}.
 */
@Export
@Version("1.2.0")
package org.flashstack.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
