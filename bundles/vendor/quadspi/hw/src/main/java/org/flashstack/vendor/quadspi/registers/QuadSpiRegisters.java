package org.flashstack.vendor.quadspi.registers;

/**
 * The quadspi controller's bus map, registers and fields, as RM0410 names them: the memory-mapped
 * window at {@link #WINDOW_BASE} (execute-in-place reads) and the QUADSPI registers at {@link
 * #QUADSPI_BASE} (indirect command interface).
 */
public final class QuadSpiRegisters {
  private QuadSpiRegisters() {}

  /** The memory-mapped flash window. */
  public static final long WINDOW_BASE = 0x9000_0000L;

  /** The window's size (256 MiB). */
  public static final long WINDOW_SIZE = 0x1000_0000L;

  /** The QUADSPI registers. */
  public static final long QUADSPI_BASE = 0xa000_1000L;

  public static final long QUADSPI_CR = QUADSPI_BASE;
  public static final long QUADSPI_DCR = QUADSPI_BASE + 0x04;
  public static final long QUADSPI_SR = QUADSPI_BASE + 0x08;
  public static final long QUADSPI_FCR = QUADSPI_BASE + 0x0c;
  public static final long QUADSPI_DLR = QUADSPI_BASE + 0x10;
  public static final long QUADSPI_CCR = QUADSPI_BASE + 0x14;
  public static final long QUADSPI_AR = QUADSPI_BASE + 0x18;
  public static final long QUADSPI_ABR = QUADSPI_BASE + 0x1c;
  public static final long QUADSPI_DR = QUADSPI_BASE + 0x20;
  public static final long QUADSPI_PSMKR = QUADSPI_BASE + 0x24;
  public static final long QUADSPI_PSMAR = QUADSPI_BASE + 0x28;
  public static final long QUADSPI_PIR = QUADSPI_BASE + 0x2c;
  public static final long QUADSPI_LPTR = QUADSPI_BASE + 0x30;

  /** The last address the bus decodes, plus one. */
  public static final long BUS_SIZE = QUADSPI_LPTR + 4;

  /** The data FIFO's depth in bytes. */
  public static final int FIFO_BYTES = 32;

  // QUADSPI_CR
  public static final int CR_EN = 1;
  public static final int CR_ABORT = 1 << 1;

  /** Flash memory selection: 0 flash 1, 1 flash 2. */
  public static final int CR_FSEL = 1 << 7;

  /** Automatic polling mode stop: stop when a match occurs. */
  public static final int CR_APMS = 1 << 22;

  /** Polling match mode: 0 AND, 1 OR. */
  public static final int CR_PMM = 1 << 23;

  public static final int CR_PRESCALER_SHIFT = 24;

  // QUADSPI_DCR
  /** Flash size: 2^(FSIZE+1) bytes, bits 20:16. */
  public static final int DCR_FSIZE_SHIFT = 16;

  public static final int DCR_FSIZE_MASK = 0x1f << DCR_FSIZE_SHIFT;

  // QUADSPI_SR
  /** Transfer error: an access outside FSIZE, or to a flash that is not there. */
  public static final int SR_TEF = 1;

  /** Transfer complete. */
  public static final int SR_TCF = 1 << 1;

  /** FIFO threshold reached. */
  public static final int SR_FTF = 1 << 2;

  /** Status match (automatic polling). */
  public static final int SR_SMF = 1 << 3;

  /** Busy: an operation is in progress or the FIFO holds data. */
  public static final int SR_BUSY = 1 << 5;

  /** FIFO level in bytes, bits 13:8. */
  public static final int SR_FLEVEL_SHIFT = 8;

  // QUADSPI_FCR: write 1 to clear the flag of the same position
  public static final int FCR_CTEF = 1;
  public static final int FCR_CTCF = 1 << 1;
  public static final int FCR_CSMF = 1 << 3;

  // QUADSPI_CCR
  public static final int CCR_INSTRUCTION_MASK = 0xff;

  /** Instruction mode, bits 9:8: 0 none, 1 single, 2 dual, 3 quad lines. */
  public static final int CCR_IMODE_SHIFT = 8;

  /** Address mode, bits 11:10. */
  public static final int CCR_ADMODE_SHIFT = 10;

  /** Address size, bits 13:12: 8, 16, 24 or 32 bits. */
  public static final int CCR_ADSIZE_SHIFT = 12;

  /** Alternate bytes mode, bits 15:14. */
  public static final int CCR_ABMODE_SHIFT = 14;

  /** Alternate bytes size, bits 17:16. */
  public static final int CCR_ABSIZE_SHIFT = 16;

  /** Dummy cycles, bits 22:18. */
  public static final int CCR_DCYC_SHIFT = 18;

  /** Data mode, bits 25:24. */
  public static final int CCR_DMODE_SHIFT = 24;

  /** Functional mode, bits 27:26. */
  public static final int CCR_FMODE_SHIFT = 26;

  /** FMODE: indirect write. */
  public static final int FMODE_INDIRECT_WRITE = 0;

  /** FMODE: indirect read. */
  public static final int FMODE_INDIRECT_READ = 1;

  /** FMODE: automatic status polling. */
  public static final int FMODE_AUTO_POLLING = 2;

  /** FMODE: memory-mapped (reads through the window). */
  public static final int FMODE_MEMORY_MAPPED = 3;

  /** A phase's lines: none. */
  public static final int MODE_NONE = 0;

  /** A phase's lines: one. */
  public static final int MODE_SINGLE = 1;

  /** A phase's lines: two. */
  public static final int MODE_DUAL = 2;

  /** A phase's lines: four. */
  public static final int MODE_QUAD = 3;

  /**
   * @return a CCR value from its fields
   */
  public static int ccr(
      int instruction,
      int imode,
      int admode,
      int addressBytes,
      int dummyCycles,
      int dmode,
      int fmode) {
    return (instruction & CCR_INSTRUCTION_MASK)
        | imode << CCR_IMODE_SHIFT
        | admode << CCR_ADMODE_SHIFT
        | (Math.max(1, addressBytes) - 1) << CCR_ADSIZE_SHIFT
        | dummyCycles << CCR_DCYC_SHIFT
        | dmode << CCR_DMODE_SHIFT
        | fmode << CCR_FMODE_SHIFT;
  }
}
