/** The gdb: transport and the framework's gdb servers. */
package org.flashstack.gdb.internal;
