/** Karaf shell commands (flash:*, cfi:*): not exported. */
package org.flashstack.shell.internal;
