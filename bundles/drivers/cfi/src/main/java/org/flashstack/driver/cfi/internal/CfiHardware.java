package org.flashstack.driver.cfi.internal;

/**
 * The cfi-flash binding's properties, typed: the OSGi Converter reads them from the hardware's
 * service properties, whether they came as numbers or as the text of a {@code .cfg} file.
 */
@interface CfiHardware {

  /** {@link org.flashstack.api.cfi.CfiBinding#BANK_WIDTH}; 0 means "probe 4, 2 and 1". */
  int bankWidth() default 0;

  /** {@link org.flashstack.api.cfi.CfiBinding#BIG_ENDIAN}. */
  boolean bigEndian() default false;
}
