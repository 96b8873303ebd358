/** The emflash driver's device and DS component. */
package org.flashstack.vendor.emflash.driver.internal;
