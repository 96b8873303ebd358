/** The quadspi vendor's Flash driver, usable without OSGi. */
@Export
@Version("1.0.0")
package org.flashstack.vendor.quadspi.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
