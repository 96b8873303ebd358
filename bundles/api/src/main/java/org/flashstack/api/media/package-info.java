/**
 * NOR flash cell arrays ("media") that device models store their contents in: RAM-backed or a
 * memory-mapped file, with NOR physics (program only clears bits, erase sets a whole block to the
 * erase value), per-block erase counters and operation statistics.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
