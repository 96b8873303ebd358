/**
 * The OpenTitan SPI_HOST register model ({@link
 * org.flashstack.hw.opentitan.spihost.OpenTitanSpiHost}), driving the chips of its SPI bus; its
 * register map is {@code org.flashstack.api.opentitan.SpiHostRegisters}.
 */
@Export
@Version("1.0.0")
package org.flashstack.hw.opentitan.spihost;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
