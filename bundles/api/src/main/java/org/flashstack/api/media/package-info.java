/**
 * NOR flash cell arrays ("media") that device models store their contents in: RAM-backed or a
 * memory-mapped file, with NOR physics (program only clears bits, erase sets whole sectors to the
 * erase value), sectors of one or several sizes, per-sector erase counters, operation statistics,
 * the fault seam (operation numbering, power cuts inside operations, torn program and erase) and
 * the fault engine each media carries ({@link org.flashstack.api.media.FlashMedia#faults()}), and
 * the device's non-volatile bits kept outside the array ({@link
 * org.flashstack.api.media.NonVolatileRecords}).
 */
@Export
@Version("2.3.0")
package org.flashstack.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
