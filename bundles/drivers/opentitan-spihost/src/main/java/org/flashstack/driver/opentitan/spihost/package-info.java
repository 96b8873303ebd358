/**
 * The OpenTitan SPI host driver: {@link
 * org.flashstack.driver.opentitan.spihost.OpenTitanSpiHostDriver}, an {@code SpiMaster} that
 * reaches the controller through its registers only.
 */
@Export
@Version("1.0.0")
package org.flashstack.driver.opentitan.spihost;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
