package org.flashstack.api.mmio;

/** A trace line that does not follow the {@link MmioTrace} format. */
public class MmioTraceFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;

  /**
   * @param line the 1-based line number
   * @param problem what is wrong with it
   */
  public MmioTraceFormatException(int line, String problem) {
    super("trace line " + line + ": " + problem);
    this.line = line;
  }

  /**
   * @return the 1-based line number of the malformed line
   */
  public int line() {
    return line;
  }
}
