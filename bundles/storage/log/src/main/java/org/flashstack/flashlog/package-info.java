/**
 * The flash record log in plain Java: {@link org.flashstack.flashlog.FlashRecordLog} on any {@link
 * org.flashstack.flashlog.LogFlash} (a partition, or media in tests). See {@code docs/flashlog.md}.
 */
@Export
@Version("1.0.0")
package org.flashstack.flashlog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
