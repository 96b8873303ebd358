/**
 * Fault plans as people and configuration write them ({@link org.flashstack.faults.FaultPlans}).
 */
@Export
@Version("1.0.0")
package org.flashstack.faults;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
