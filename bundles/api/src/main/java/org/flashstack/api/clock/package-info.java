/** The emulated world's single clock, virtual by default, shared by device models and drivers. */
@Export
@Version("1.1.0")
package org.flashstack.api.clock;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
