/** The OpenTitan SPI host driver's DS component. */
package org.flashstack.driver.opentitan.spihost.internal;
