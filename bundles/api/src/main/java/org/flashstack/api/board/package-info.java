/**
 * Board presets (seed 000's single-, dual- and multi-flash configurations): a board is the set of
 * factory configurations that make its chips, hosts, wiring and partitions. {@link
 * org.flashstack.api.board.Boards} lists the presets, plans what applying one would change, and
 * applies it, keeping the old board if the new one does not come up.
 */
@Export
@Version("1.1.0")
package org.flashstack.api.board;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
