/**
 * The SPI NOR device driver (seed 000's SpiFlashDevice): {@link
 * org.flashstack.driver.spinor.SpiNorFlashDriver} discovers a chip from its JEDEC ID and SFDP alone
 * and drives it through an {@code SpiDevice} as a {@code FlashDevice}; a part without usable SFDP
 * is driven from a {@link org.flashstack.driver.spinor.SpiNorHandPart} given by configuration.
 */
@Export
@Version("1.1.0")
package org.flashstack.driver.spinor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
