/**
 * MemProgLib's standard commands as {@link org.flashstack.api.memprog.MemProgHandler} services (one
 * DS component each, registered by command code), and {@link
 * org.flashstack.memprog.target.handlers.StandardHandlers} to use them without OSGi.
 */
@Export
@Version("1.0.0")
package org.flashstack.memprog.target.handlers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
