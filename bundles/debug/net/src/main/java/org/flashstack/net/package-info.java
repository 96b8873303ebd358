/**
 * The TCP plumbing of FlashStack's debug ports: {@link org.flashstack.net.SocketServer} (an accept
 * loop, each client served on an executor thread, every connection closed with the server) and
 * {@link org.flashstack.net.ServerRegistry} (the servers that run, by port). Plain Java.
 */
@Export
@Version("1.0.0")
package org.flashstack.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
