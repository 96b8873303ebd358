/**
 * OpenTitan peripherals' register maps, shared by their models and their drivers as the generated
 * register headers are on silicon: {@link org.flashstack.api.opentitan.SpiHostRegisters}.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.opentitan;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
