/**
 * A/B firmware update and boot selection (docs/update.md): {@link
 * org.flashstack.api.update.FirmwareUpdate} stages an image into the slot that is not active,
 * verifies it, activates it for a trial, and picks what boots: the active slot, else the other,
 * else recovery, so that a valid image is always found whatever power cut came in between.
 */
@Export
@Version("1.0.0")
package org.flashstack.api.update;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
