/** The SPI virtualizer's DS components. */
package org.flashstack.driver.spi.mux.internal;
