/**
 * The SPI virtualizer: {@link org.flashstack.driver.spi.mux.SpiMux} gives one {@code SpiDevice} per
 * chip select of an {@code SpiMaster}, transactions in arrival order, never interleaved.
 */
@Export
@Version("1.0.0")
package org.flashstack.driver.spi.mux;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
