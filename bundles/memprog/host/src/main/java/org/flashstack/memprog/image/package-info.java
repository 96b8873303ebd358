/**
 * Firmware images as programmers take them: {@link org.flashstack.memprog.image.FirmwareImage}
 * (address-sorted, non-overlapping segments) read from raw binary, Intel HEX, Motorola S-record or
 * ELF load segments by {@link org.flashstack.memprog.image.ImageFormat}; malformed files are {@link
 * org.flashstack.memprog.image.ImageFormatException}s naming the line or header at fault. Plain
 * Java.
 */
@Export
@Version("1.0.0")
package org.flashstack.memprog.image;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
