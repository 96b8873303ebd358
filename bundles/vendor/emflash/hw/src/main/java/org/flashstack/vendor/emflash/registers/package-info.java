/**
 * The register map of the emflash embedded flash controller, laid out as the FLASH interface of
 * STMicroelectronics' STM32F4 parts (RM0090, section 3.9): what a vendor ships as its header file,
 * shared by the model and the driver. The addresses are the parts' own bus addresses.
 */
@Export
@Version("1.0.0")
package org.flashstack.vendor.emflash.registers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
