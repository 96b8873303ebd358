/**
 * MemProgLib's seam between a host and a target: {@link org.flashstack.api.memprog.TargetMemory},
 * the target's RAM as a transport reaches it (in the JVM, a shared-memory file, a debug link).
 */
@Export
@Version("1.0.0")
package org.flashstack.api.memprog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
