/** The quadspi memory-mapped QSPI controller model, usable without OSGi. */
@Export
@Version("1.0.0")
package org.flashstack.vendor.quadspi.hw;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
