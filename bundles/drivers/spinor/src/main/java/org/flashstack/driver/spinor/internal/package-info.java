/** The SPI NOR driver's DS component. */
package org.flashstack.driver.spinor.internal;
