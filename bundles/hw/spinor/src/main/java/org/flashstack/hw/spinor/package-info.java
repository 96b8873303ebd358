/**
 * SPI NOR flash chips as the silicon is: {@link org.flashstack.hw.spinor.SpiNorChip} answers the
 * commands of a real part on the SPI bus seam, with the part's status registers, busy times on the
 * emulated clock, block protection, 3- and 4-byte addressing, suspend and resume, reset and deep
 * power-down, over NOR media. Parts come from {@link org.flashstack.hw.spinor.ChipCatalog}, their
 * datasheet parameters kept as data; {@link org.flashstack.hw.spinor.SfdpTableBuilder} builds the
 * JESD216 table of a part that has no real dump; {@link org.flashstack.hw.spinor.OperationEstimate}
 * tells how long an image takes to program on the real chip.
 */
@Export
@Version("1.0.0")
package org.flashstack.hw.spinor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
