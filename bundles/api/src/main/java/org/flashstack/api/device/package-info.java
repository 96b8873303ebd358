/**
 * What every emulated device shares, whatever its bus: the service property names of all layers,
 * ownership claims, and the power supply with its power-loss signal.
 */
@Export
@Version("1.3.0")
package org.flashstack.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
