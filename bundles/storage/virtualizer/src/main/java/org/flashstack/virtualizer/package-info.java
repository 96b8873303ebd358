/** The flash virtualizer for use without OSGi. */
@Export
@Version("1.1.0")
package org.flashstack.virtualizer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
