/**
 * Memory-mapped register and memory windows: the boundary between emulated silicon and software.
 * Device models implement {@link org.flashstack.api.mmio.MmioDevice}; drivers use nothing else to
 * reach them. {@link org.flashstack.api.mmio.MmioTrace} is the text format for recording and
 * replaying MMIO accesses.
 */
@Export
@Version("2.2.0")
package org.flashstack.api.mmio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
