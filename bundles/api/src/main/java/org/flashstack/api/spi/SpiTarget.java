package org.flashstack.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One chip on one chip select, as a controller model clocks it. A transaction is {@link #select()}
 * (CS# falls), then segments in the order the wires carry them, then {@link #deselect()} (CS#
 * rises). A chip acts on what it received the way its datasheet says: reads stream data during the
 * transaction; program, erase and register writes start on CS# rising after the last byte of a
 * complete command, and a partial command does nothing.
 *
 * <p>Segments move as arrays. Bytes are clocked most significant bit first; on two, four or eight
 * lanes each clock carries that many bits (IO0 the least significant). A segment on lanes the
 * command does not use in that phase is received as a chip would see it on its pins: the chip drops
 * the command and leaves its outputs floating (reads of a floating bus return all ones). Nothing a
 * controller sends can make a chip throw, except {@link SpiBusConflictException} when transactions
 * overlap, or touch memory outside the chip.
 *
 * <p>Implementations are thread-safe; a controller serializes its own transactions.
 */
@ConsumerType
public interface SpiTarget {

  /**
   * @return the chip's device name, e.g. {@code flash0}
   */
  String name();

  /**
   * CS# falls: a new command starts.
   *
   * @throws SpiBusConflictException if the chip is already selected
   */
  void select();

  /**
   * The controller drives {@code length} bytes onto the data lines (MOSI on one lane).
   *
   * @param data the bytes, in wire order
   * @param offset where they start in {@code data}
   * @param length how many, 0 or more
   * @param lanes how many data lines carry them
   * @throws SpiBusConflictException if the chip is not selected
   */
  void transmit(byte[] data, int offset, int length, SpiLanes lanes);

  /**
   * The controller samples {@code length} bytes the chip drives (MISO on one lane); where the chip
   * does not drive the lines, the bytes read 0xff.
   *
   * @param destination where the bytes go, in wire order
   * @param offset where they start in {@code destination}
   * @param length how many, 0 or more
   * @param lanes how many data lines carry them
   * @throws SpiBusConflictException if the chip is not selected
   */
  void receive(byte[] destination, int offset, int length, SpiLanes lanes);

  /**
   * A full-duplex segment on one lane: {@code transmit[transmitOffset..]} goes out on MOSI while
   * {@code receive[receiveOffset..]} fills from MISO, byte for byte.
   *
   * @throws SpiBusConflictException if the chip is not selected
   */
  void exchange(byte[] transmit, int transmitOffset, byte[] receive, int receiveOffset, int length);

  /**
   * {@code clocks} clock cycles with no data driven by the controller (the dummy cycles of a fast
   * read, or the mode bits' clocks where a controller leaves them undriven).
   *
   * @param clocks 0 or more
   * @throws SpiBusConflictException if the chip is not selected
   */
  void dummy(int clocks);

  /**
   * CS# rises: the transaction ends; a complete program, erase or register write starts now.
   *
   * @throws SpiBusConflictException if the chip is not selected
   */
  void deselect();

  /**
   * Runs one transaction: select, the segments, deselect (also when a segment throws).
   *
   * @param segments what to clock while the chip is selected
   */
  default void transaction(java.util.function.Consumer<SpiTarget> segments) {
    select();
    try {
      segments.accept(this);
    } finally {
      deselect();
    }
  }
}
