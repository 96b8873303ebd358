/**
 * Plain-Java entry to the NOR media, for tools, tests and benchmarks that run without OSGi. Inside
 * the framework, use the {@link org.flashstack.api.media.FlashMediaProvider} service.
 */
@Export
@Version("1.0.0")
package org.flashstack.hw.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
