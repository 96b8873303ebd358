/**
 * The fault engine's seam (docs/faults.md): a {@link org.flashstack.api.fault.FaultPlan} says what
 * goes wrong in a device's cells and when (power cuts inside operations, torn programs, weakly
 * erased blocks, bit flips on read, stuck bits, wear-out, program and erase failures), seeded so
 * that every run repeats; {@link org.flashstack.api.fault.DeviceFaults}, registered by every device
 * with media under its device name, takes plans at runtime and counts and records every fault it
 * injects as a {@link org.flashstack.api.fault.FaultEvent}.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.fault;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
