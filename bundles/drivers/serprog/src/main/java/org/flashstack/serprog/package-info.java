/**
 * flashrom's serial flasher protocol (serprog, version 1) over TCP, usable without OSGi: {@link
 * org.flashstack.serprog.SerprogServer} puts a {@link org.flashstack.serprog.SerprogBus} (chip
 * selects of an emulated SPI bus) in front of flashrom.
 */
@Export
@Version("1.0.0")
package org.flashstack.serprog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
