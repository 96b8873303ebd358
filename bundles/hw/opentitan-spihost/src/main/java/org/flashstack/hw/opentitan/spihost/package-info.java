/**
 * The OpenTitan SPI_HOST register model ({@link
 * org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost}) and its register map ({@link
 * org.flashstack.hw.opentitan.spihost.SpiHostRegisters}), driving the chips of its SPI bus.
 */
@Export
@Version("1.0.0")
package org.flashstack.hw.opentitan.spihost;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
