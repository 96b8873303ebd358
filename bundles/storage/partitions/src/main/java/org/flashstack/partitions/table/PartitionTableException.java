package org.flashstack.partitions.table;

/**
 * A partition table, or one of its rows, that is refused: the message says which row (a CSV line, a
 * binary entry, a partition's name or offset) and why. Nothing is written when one is thrown.
 */
public class PartitionTableException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message which row and why
   */
  public PartitionTableException(String message) {
    super(message);
  }
}
