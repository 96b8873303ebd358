/** The DS component that puts one catalog chip on one chip select per factory configuration. */
package org.flashstack.hw.spinor.internal;
