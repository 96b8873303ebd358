/** The emflash controller's DS component. */
package org.flashstack.vendor.emflash.hw.internal;
