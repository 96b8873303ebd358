/**
 * MemProgLib's wire format, byte-compatible with the public MemProgLib 2.0.0 (docs/memprog.md): the
 * 32-byte {@link org.flashstack.memprog.protocol.MemProgParam}, the 16-byte {@link
 * org.flashstack.memprog.protocol.MemProgBdt}, tokens, statuses, commands, sequence numbers and the
 * reflected CRC32. Plain Java; both sides of the protocol build on it.
 */
@Export
@Version("1.1.0")
package org.flashstack.memprog.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
