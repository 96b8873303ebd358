package org.flashstack.sfdp;

/**
 * A fast read mode a Basic Flash Parameter Table announces.
 *
 * @param mode lanes of instruction, address and data in JESD216's notation, e.g. {@code "1-1-4"}
 * @param opcode the read instruction
 * @param dummyClocks wait states (dummy clocks) after the address and mode clocks
 * @param modeClocks clocks of mode bits after the address (0 when the mode has none)
 */
public record FastRead(String mode, int opcode, int dummyClocks, int modeClocks) {

  /**
   * @return mode and dummy clocks together, what a controller clocks between address and data
   */
  public int waitClocks() {
    return dummyClocks + modeClocks;
  }
}
