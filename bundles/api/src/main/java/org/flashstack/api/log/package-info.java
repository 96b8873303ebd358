/**
 * Append-only record logs on flash partitions (the seed's "flash-based logging"), for logging and
 * audit trails: one {@link org.flashstack.api.log.RecordLog} service per log.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.log;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
