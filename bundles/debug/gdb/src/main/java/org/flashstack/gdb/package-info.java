/**
 * GDB's Remote Serial Protocol, usable without OSGi: {@link org.flashstack.gdb.RspConnection} (the
 * framing: {@code $data#cs}, acknowledgements, escapes, run-length decoding), {@link
 * org.flashstack.gdb.GdbRemoteMemory} (a client: a {@link org.flashstack.api.memprog.TargetMemory}
 * over any gdbserver) and {@link org.flashstack.gdb.GdbServer} (a server showing a target memory to
 * gdb).
 */
@Export
@Version("1.0.0")
package org.flashstack.gdb;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
