/** The quadspi controller's DS component. */
package org.flashstack.vendor.quadspi.hw.internal;
