package org.flashstack.api.flash;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One device as its driver drives it: what a {@link FlashDriver} returns when it attaches to
 * hardware, used by the flash virtualizer only. The virtualizer calls it from one thread at a time
 * and only after checking the arguments against {@link #geometry()} (ranges inside the device,
 * erase and lock ranges on block boundaries, buffers that fit), so a driver concentrates on the
 * device; it still refuses bad input with a {@link FlashException} rather than misbehave.
 *
 * <p>Each operation starts by bringing the device to a known state (another owner, or a power
 * cycle, may have left it anywhere) and ends with it in its read mode.
 *
 * <p>Consumer type: vendors implement it. It grows by new optional interfaces a driver may also
 * implement, found by the virtualizer with {@code instanceof}, never by new abstract methods here.
 */
@ConsumerType
public interface FlashDevice extends AutoCloseable {

  /**
   * @return the device name
   */
  String name();

  /**
   * @return identity, as read from the device
   */
  FlashIdentity identity();

  /**
   * @return geometry, as read or discovered from the device
   */
  FlashGeometry geometry();

  /** Reads into {@code destination[offset..offset+length)}. */
  void read(long address, byte[] destination, int offset, int length) throws FlashException;

  /** Programs at any alignment, padding partial program units with the erase value. */
  void program(long address, byte[] source, int offset, int length) throws FlashException;

  /** Erases whole blocks; does not unlock them. */
  void erase(long address, long length) throws FlashException;

  /** Locks whole blocks; NOT_SUPPORTED by default. */
  default void lock(long address, long length) throws FlashException {
    throw new FlashException(
        FlashError.NOT_SUPPORTED, name(), "lock", address, "the device has no block locks");
  }

  /** Unlocks whole blocks; NOT_SUPPORTED by default. */
  default void unlock(long address, long length) throws FlashException {
    throw new FlashException(
        FlashError.NOT_SUPPORTED, name(), "unlock", address, "the device has no block locks");
  }

  /** Whether the block at {@code address} is locked; NOT_SUPPORTED by default. */
  default boolean isLocked(long address) throws FlashException {
    throw new FlashException(
        FlashError.NOT_SUPPORTED, name(), "lock status", address, "the device has no block locks");
  }

  /**
   * @return an immutable value of {@code type} describing the device, if the driver has one
   */
  default <T> Optional<T> detail(Class<T> type) {
    return Optional.empty();
  }

  /** Releases the hardware (its claim). The virtualizer calls it only with no operation running. */
  @Override
  void close();
}
