/** The quadspi driver's device and DS component. */
package org.flashstack.vendor.quadspi.driver.internal;
