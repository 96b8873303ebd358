/**
 * Device-level flash API: what every flash driver (CFI, SPI NOR, vendor controller) provides and
 * what partitions, the flash virtualizer and the shell consume.
 *
 * <p>Addresses are byte offsets from the start of the device. Errors are {@link
 * org.flashstack.api.flash.FlashException}s carrying one {@link
 * org.flashstack.api.flash.FlashError}.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.flash;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
