package org.flashstack.api.media;

import java.nio.ByteOrder;
import java.util.function.IntPredicate;
import org.flashstack.api.fault.DeviceFaults;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A NOR cell array. Program only clears bits; erase sets every byte of whole sectors to the erase
 * value. Offsets are bytes from 0 to {@link #size()}; an offset or range outside the media is
 * refused with {@link IndexOutOfBoundsException} naming the media, and nothing changes. Thread-safe
 * for callers that serialize program and erase (device models do).
 *
 * <p>The fault seam: every program and erase is numbered ({@link #operationCount()}) and first asks
 * the {@link MediaFaultHook}, which may cut the power part-way; {@link #programTorn} and {@link
 * #eraseTorn} leave cells half-way as an interrupted operation does, bit by bit.
 *
 * <p>An image file that vanishes, shrinks or is replaced while open is reported as {@link
 * MediaFaultException} naming the file, at the next program or erase (and at any read that touches
 * bytes the file no longer has).
 */
@ProviderType
public interface FlashMedia extends FlashMediaView, AutoCloseable {

  /**
   * Copies {@code length} bytes at {@code offset} into {@code destination[destinationOffset..]}.
   */
  void read(long offset, byte[] destination, int destinationOffset, int length);

  /**
   * Reads {@code width} (1, 2, 4 or 8) bytes at {@code offset} as one value in {@code order}: the
   * allocation-free path device models use for single bus reads.
   */
  long readValue(long offset, int width, ByteOrder order);

  /**
   * Programs {@code length} bytes: each stored byte becomes {@code stored & source}.
   *
   * @throws CellOverwriteException under {@link ProgramPolicy#REJECT_OVERWRITE} when a bit would
   *     have to go from 0 to 1; nothing is changed
   * @throws MediaReadOnlyException on read-only media; nothing is changed
   * @throws org.flashstack.api.device.PowerLossException if the fault hook cut the power; the bytes
   *     before the cut are programmed
   */
  void program(long offset, byte[] source, int sourceOffset, int length);

  /**
   * @return whether programming {@code source} at {@code offset} would store exactly {@code source}
   *     (every 1 bit asked for is still 1 in the cells); 0xff bytes program nothing and always pass
   */
  boolean isProgrammable(long offset, byte[] source, int sourceOffset, int length);

  /**
   * Erases the sectors of {@code [offset, offset + length)}: every byte becomes the erase value and
   * each sector's erase counter goes up.
   *
   * @throws IllegalArgumentException if an end is not a sector boundary; nothing is changed
   * @throws MediaReadOnlyException on read-only media
   * @throws org.flashstack.api.device.PowerLossException if the fault hook cut the power; the bytes
   *     before the cut are erased
   */
  void erase(long offset, long length);

  /**
   * A program interrupted part-way: of the 1 to 0 transitions {@code source} asks for, only those
   * of the bits {@code lands} accepts happen (bit {@code 8 * i + b} is bit {@code b} of byte {@code
   * i}). Counted as a program operation.
   */
  void programTorn(long offset, byte[] source, int sourceOffset, int length, IntPredicate lands);

  /**
   * An erase interrupted part-way: of the bits of {@code [offset, offset + length)} (sector
   * boundaries), only those {@code erases} accepts become the erase value's bit; the others keep
   * their value. The sectors' erase counters go up.
   */
  void eraseTorn(long offset, long length, IntPredicate erases);

  /**
   * @return the media's fault engine: the plan it follows (none at first) and what it injected
   */
  DeviceFaults faults();

  /** Installs the fault hook consulted before every program and erase; {@code NONE} removes it. */
  void setFaultHook(MediaFaultHook hook);

  /**
   * @return when programs and erases reach stable storage (file-backed media; RAM ignores it)
   */
  ImageSync imageSync();

  /** Sets when programs and erases reach stable storage, from the next one on. */
  void setImageSync(ImageSync sync);

  /**
   * @return the device's non-volatile bits kept outside the cell array (register bits, protection
   *     bits), which survive restarts as the cells do
   */
  NonVolatileRecords nonVolatileRecords();

  /** Forces programmed and erased cells out to the backing file (no-op for RAM). */
  void flush();

  /** Flushes and releases the media; further use fails. */
  @Override
  void close();
}
