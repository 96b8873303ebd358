/** The emflash embedded flash controller model, usable without OSGi. */
@Export
@Version("1.0.0")
package org.flashstack.vendor.emflash.hw;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
