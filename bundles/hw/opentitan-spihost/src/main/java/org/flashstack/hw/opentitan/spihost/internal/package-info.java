/** The OpenTitan SPI_HOST model's DS component. */
package org.flashstack.hw.opentitan.spihost.internal;
