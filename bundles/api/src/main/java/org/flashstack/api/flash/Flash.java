package org.flashstack.api.flash;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A flash device as its users see it: identity, geometry, read, program, erase, update and block
 * locks, blocking or asynchronous. Provided by the flash virtualizer, one service per device with
 * the device's {@link org.flashstack.api.device.DeviceProperties#NAME}; whichever driver serves the
 * device underneath, and even while drivers are swapped, this service stays.
 *
 * <p>Every operation has the device to itself (ESP-IDF's rule): operations are queued per device,
 * run one at a time in arrival order, and none is dropped or replaced. A blocking call returns when
 * its operation is done; an asynchronous one returns a future completed (exceptionally with a
 * {@link FlashException}) when it is done. While no driver serves the device, operations wait for
 * one up to the virtualizer's limit, then fail with {@link FlashError#UNAVAILABLE}.
 *
 * <p>Program follows NOR rules: it can only clear bits, so the target range must be erased first
 * for the stored bytes to equal the given ones; {@link #update} does the erase for you. Erase works
 * on whole erase blocks. Every malformed argument, a null buffer included, is {@link
 * FlashError#INVALID_ARGUMENT}, checked before anything is queued.
 *
 * <p>Provider type: the virtualizer implements it, users only call it, so methods are added in
 * minor versions.
 */
@ProviderType
public interface Flash {

  /**
   * @return the device name
   */
  String name();

  /**
   * @return manufacturer, device ID and interface, as the serving driver read them from the device
   */
  FlashIdentity identity();

  /**
   * @return size, erase regions, program unit and write buffer size
   */
  FlashGeometry geometry();

  /**
   * @return what else the serving driver knows of the device, as an immutable value of {@code type}
   *     (e.g. {@code CfiQuery} from the CFI driver), if it offers one
   */
  <T> Optional<T> detail(Class<T> type);

  /**
   * Reads {@code length} bytes starting at {@code address} into {@code destination[offset..]}.
   *
   * @throws FlashException OUT_OF_RANGE, INVALID_ARGUMENT, DEVICE_FAULT, POWER_LOST, UNAVAILABLE
   */
  void read(long address, byte[] destination, int offset, int length) throws FlashException;

  /**
   * Programs {@code length} bytes of {@code source[offset..]} at {@code address}, at any alignment.
   *
   * @throws FlashException OUT_OF_RANGE, INVALID_ARGUMENT, PROTECTED (locked block, write-protected
   *     device), DEVICE_FAULT (program error), TIMEOUT, POWER_LOST, UNAVAILABLE
   */
  void program(long address, byte[] source, int offset, int length) throws FlashException;

  /**
   * Erases every erase block in {@code [address, address + length)}; both ends must be block
   * boundaries. Locked blocks are not unlocked: the erase fails with PROTECTED.
   *
   * @throws FlashException MISALIGNED, OUT_OF_RANGE, PROTECTED, DEVICE_FAULT, TIMEOUT, POWER_LOST,
   *     UNAVAILABLE
   */
  void erase(long address, long length) throws FlashException;

  /**
   * Stores {@code source[offset..offset+length)} at {@code address} whatever the cells held, as one
   * queued operation: erases the blocks the range touches, programs back their bytes outside the
   * range and programs the new ones, then reads the range back to verify it. Blocks whose cells
   * already allow the new bytes are not erased.
   *
   * @return how many bytes were erased
   * @throws FlashException as program and erase, and DEVICE_FAULT if the verification fails
   */
  long update(long address, byte[] source, int offset, int length) throws FlashException;

  /**
   * Locks the blocks of {@code [address, address + length)} (block boundaries) against program and
   * erase.
   *
   * @throws FlashException NOT_SUPPORTED if the device has no block locks, MISALIGNED, OUT_OF_RANGE
   */
  void lock(long address, long length) throws FlashException;

  /**
   * Unlocks the blocks of {@code [address, address + length)} (block boundaries).
   *
   * @throws FlashException NOT_SUPPORTED if the device has no block locks, MISALIGNED, OUT_OF_RANGE
   */
  void unlock(long address, long length) throws FlashException;

  /**
   * @return whether the block containing {@code address} is locked
   * @throws FlashException NOT_SUPPORTED if the device has no block locks, OUT_OF_RANGE
   */
  boolean isLocked(long address) throws FlashException;

  /**
   * {@link #read} into a new array, asynchronously. A read on an idle device runs on the calling
   * thread and the future is complete when this returns (a read never waits for cells, and a thread
   * handoff would cost more than the read); otherwise it runs in its turn.
   */
  CompletableFuture<byte[]> readAsync(long address, int length);

  /**
   * {@link #read} into {@code destination[offset..]}, asynchronously, as {@link #readAsync(long,
   * int)} runs it; the destination range must not be used until the future completes.
   *
   * @since 2.2
   */
  CompletableFuture<Void> readAsync(long address, byte[] destination, int offset, int length);

  /** {@link #program} of all of {@code source}, asynchronously; the array must not change. */
  CompletableFuture<Void> programAsync(long address, byte[] source);

  /** {@link #erase}, asynchronously. */
  CompletableFuture<Void> eraseAsync(long address, long length);

  /** {@link #update} of all of {@code source}, asynchronously; the array must not change. */
  CompletableFuture<Long> updateAsync(long address, byte[] source);

  /**
   * A view of this device whose operations are counted as {@code user}'s (a partition's, a tool's),
   * apart from everyone else's; the operations are the device's own, in the same queue.
   *
   * @since 2.2
   */
  Flash forUser(String user);

  /**
   * @return what this view's user did so far ({@link #forUser}); for a view made by neither, the
   *     operations no user view counted
   * @since 2.2
   */
  FlashUsage usage();

  /**
   * @return a view of this device whose operations do not wait: each fails at once with {@link
   *     FlashError#BUSY} when another operation is running or queued, or no driver serves the
   *     device
   */
  Flash ifIdle();
}
