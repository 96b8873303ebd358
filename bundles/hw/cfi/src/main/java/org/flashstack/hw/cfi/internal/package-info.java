/** The OSGi component that makes CFI flash instances from factory configurations: not exported. */
package org.flashstack.hw.cfi.internal;
