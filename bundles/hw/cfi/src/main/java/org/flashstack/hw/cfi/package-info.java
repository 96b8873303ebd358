/**
 * The CFI parallel NOR flash model (Intel/Sharp extended command set) as a plain-Java {@link
 * org.flashstack.api.mmio.MmioDevice}: for tools, tests and benchmarks that run without OSGi, and
 * for driver tests that talk to a chip through the same bus a user would. Inside the framework each
 * instance is a factory configuration of {@code org.flashstack.hw.cfi}.
 */
@Export
@Version("1.0.0")
package org.flashstack.hw.cfi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
