/**
 * The register map of the quadspi memory-mapped QSPI controller, laid out as the QUADSPI block of
 * STMicroelectronics' STM32F7 parts (RM0410, section 15): the vendor's header file, shared by the
 * model and the driver.
 */
@Export
@Version("1.0.0")
package org.flashstack.vendor.quadspi.registers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
