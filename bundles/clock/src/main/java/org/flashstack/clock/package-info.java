/** The two clocks, usable without OSGi (tests, tools, benchmarks). */
@Export
@Version("1.0.0")
package org.flashstack.clock;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
