package org.flashstack.api.memprog;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a target interface is bound to: a partition, a device, or in tests a plain array. Addresses
 * are relative to the region's start; a target checks every range against {@link #size()} before it
 * calls the region. Writes follow NOR rules where the region is flash (erase first).
 *
 * <p>A failure is a {@link MemProgException} (ERR_EXECUTION with a code, ERR_PARAM for a range or
 * alignment the region refuses) whose message says what failed.
 *
 * @since 1.1
 */
@ConsumerType
public interface MemProgRegion {

  /**
   * @return what the region is, as a target lists its interfaces: {@code "partition:staging"}
   */
  String description();

  /**
   * @return its size in bytes
   */
  long size();

  /**
   * @return the erase unit: erase ranges start and end on multiples of it
   */
  long eraseSize();

  /**
   * @return whether writes and erases are refused
   */
  boolean readOnly();

  /** Reads {@code length} bytes at {@code address} into {@code destination[offset..]}. */
  void read(long address, byte[] destination, int offset, int length) throws MemProgException;

  /** Programs {@code length} bytes of {@code source[offset..]} at {@code address}. */
  void write(long address, byte[] source, int offset, int length) throws MemProgException;

  /** Erases {@code [address, address + length)}, whole erase units. */
  void erase(long address, long length) throws MemProgException;
}
