/**
 * Board presets without OSGi: {@link org.flashstack.board.BoardPresetReader} reads a preset file,
 * {@link org.flashstack.board.BoardPlanner} works out what applying it changes.
 */
@Export
@Version("1.0.0")
package org.flashstack.board;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
