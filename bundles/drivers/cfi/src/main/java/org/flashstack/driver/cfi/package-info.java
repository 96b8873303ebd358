/**
 * The CFI driver as a plain-Java {@link org.flashstack.api.flash.FlashDriver}, for use without
 * OSGi.
 */
@Export
@Version("1.0.0")
package org.flashstack.driver.cfi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
