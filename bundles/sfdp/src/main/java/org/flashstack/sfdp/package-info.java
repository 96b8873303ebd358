/**
 * Serial Flash Discoverable Parameters (JESD216, revisions 1.0 and A to F as far as their fields
 * go): {@link org.flashstack.sfdp.SfdpDecoder} reads an SFDP space, the bytes a chip returns to
 * Read SFDP (0x5a) from address 0, into {@link org.flashstack.sfdp.SfdpSpace}; {@link
 * org.flashstack.sfdp.SfdpJson} and {@link org.flashstack.sfdp.SfdpReport} give its script and
 * human forms. Plain Java, usable without OSGi.
 */
@Export
@Version("1.0.0")
package org.flashstack.sfdp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
