package org.flashstack.api.flash;

/**
 * The Event Admin topics FlashStack posts (the SCP framework's notifications), all under {@code
 * org/flashstack/}, and their properties. Subscribe with an {@code EventHandler} whose {@code
 * event.topics} is, for instance, {@code org/flashstack/device/*}. The per-operation topics are
 * posted only while a handler subscribes to them, so an unobserved device pays nothing.
 */
public final class FlashEvents {
  private FlashEvents() {}

  /**
   * An operation completed on a device: {@link #DEVICE}, {@link #OPERATION}, {@link #ADDRESS},
   * {@link #USER} if any.
   */
  public static final String OPERATION_COMPLETED = "org/flashstack/flash/OPERATION_COMPLETED";

  /**
   * An operation failed on a device: as {@link #OPERATION_COMPLETED}, and {@link #ERROR}, {@link
   * #MESSAGE}.
   */
  public static final String OPERATION_FAILED = "org/flashstack/flash/OPERATION_FAILED";

  /** A device got a driver after having none: {@link #DEVICE}, {@link #DRIVER}. */
  public static final String DEVICE_BOUND = "org/flashstack/device/BOUND";

  /** A device lost its driver and none took over: {@link #DEVICE}, {@link #PREVIOUS_DRIVER}. */
  public static final String DEVICE_UNBOUND = "org/flashstack/device/UNBOUND";

  /**
   * A device moved from one driver to another: {@link #DEVICE}, {@link #PREVIOUS_DRIVER}, {@link
   * #DRIVER}.
   */
  public static final String DRIVER_CHANGED = "org/flashstack/device/DRIVER_CHANGED";

  /** A partition came or went: {@link #PARTITION}, {@link #DEVICE}, {@link #CHANGE}. */
  public static final String PARTITION_TABLE_CHANGED = "org/flashstack/partition/TABLE_CHANGED";

  /** A board preset was applied: {@link #BOARD}. */
  public static final String BOARD_APPLIED = "org/flashstack/board/APPLIED";

  /** The topics' common prefix, for a subscription to all of them: {@code org/flashstack/*}. */
  public static final String ALL = "org/flashstack/*";

  /** Property: the device name. */
  public static final String DEVICE = "device";

  /** Property: the driver now serving the device. */
  public static final String DRIVER = "driver";

  /** Property: the driver that served it before. */
  public static final String PREVIOUS_DRIVER = "previous.driver";

  /** Property: the operation, in lower case ({@code read}, {@code program}, {@code erase}, ...). */
  public static final String OPERATION = "operation";

  /** Property: the byte address the operation was about (a {@code Long}). */
  public static final String ADDRESS = "address";

  /** Property: the user of the device's view ({@link Flash#forUser}), e.g. a partition. */
  public static final String USER = "user";

  /** Property: the {@link FlashError} name of a failure. */
  public static final String ERROR = "error";

  /** Property: the failure's message. */
  public static final String MESSAGE = "message";

  /** Property: the partition name. */
  public static final String PARTITION = "partition";

  /** Property: {@code added} or {@code removed}. */
  public static final String CHANGE = "change";

  /** Property: the board preset's name. */
  public static final String BOARD = "board";
}
