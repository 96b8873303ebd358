/**
 * The CFI parallel NOR flash models, Intel/Sharp ({@link org.flashstack.hw.cfi.CfiNorFlash}) and
 * AMD/Fujitsu ({@link org.flashstack.hw.cfi.AmdCfiBank}), each device of a bank its own state
 * machine, and the preset parts ({@link org.flashstack.hw.cfi.CfiParts}), as plain-Java {@link
 * org.flashstack.api.mmio.MmioDevice}s: for tools, tests and benchmarks that run without OSGi, and
 * for driver tests that talk to a chip through the same bus a user would. Inside the framework each
 * instance is a factory configuration of {@code org.flashstack.hw.cfi}.
 */
@Export
@Version("2.0.0")
package org.flashstack.hw.cfi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
