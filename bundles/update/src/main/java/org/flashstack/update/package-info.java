/**
 * A/B update in plain Java (docs/update.md): {@link org.flashstack.update.UpdateImage} (the image
 * format), {@link org.flashstack.update.BootRecord} (the records in each slot's last erase block),
 * {@link org.flashstack.update.AbUpdate} (stage, verify, activate, confirm, boot selection) over
 * {@link org.flashstack.update.UpdateRegion}s (a partition, or a range of media in tests).
 */
@Export
@Version("1.0.0")
package org.flashstack.update;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
