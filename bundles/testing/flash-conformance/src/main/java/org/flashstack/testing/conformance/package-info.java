/**
 * The conformance suite for Flash drivers: extend {@link FlashDriverConformance} in a driver's
 * tests.
 */
@Export
@Version("1.0.0")
package org.flashstack.testing.conformance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
