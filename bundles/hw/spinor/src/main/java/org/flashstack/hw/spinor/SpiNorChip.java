package org.flashstack.hw.spinor;

import java.util.Arrays;
import java.util.Objects;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaFaultException;
import org.flashstack.api.media.MediaOperationFailedException;
import org.flashstack.api.spi.SpiBusConflictException;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.api.spi.SpiTarget;
import org.flashstack.hw.spinor.ChipCommand.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SPI NOR chip of a catalog part, on the SPI bus seam, over NOR media.
 *
 * <p>A transaction is the instruction byte (on one lane), the address (3 or 4 bytes, by the part's
 * address mode or the instruction), mode and dummy clocks, then data in or out, on the lanes the
 * instruction uses. Reads stream as long as the controller clocks: the array wraps at the end of
 * the part, registers repeat their live value (a status poll needs one instruction), IDs repeat.
 * Program, erase and register writes start on CS# rising after a complete command: a command cut
 * short does nothing. Each needs the write enable latch (WEL, set by WREN 0x06), which every
 * completed program, erase and register write clears, as does WRDI (0x04). A write after 0x50
 * (where the part has it) changes only the volatile copy of the status bits, at once.
 *
 * <p>With a clock, the chip is busy (WIP) for the part's typical times; while busy it answers only
 * register reads, suspend and reset, and ignores everything else, as the datasheets say. Suspend
 * (where the part has it) stops a program or erase: the array is readable, an erase suspend also
 * lets pages outside the suspended block be programmed; resume continues the remaining time.
 * Protected ranges (BP/TB/SEC/CMP bits or SST26's block protection register) refuse program and
 * erase: nothing changes, WEL clears and the part's error bits are set where it has them. Page
 * program wraps inside the page. Soft reset (0x66 0x99, or 0xf0) and power-up return the volatile
 * state; deep power-down ignores everything but its release.
 *
 * <p>Bytes on lanes the current phase does not use, unknown opcodes and instructions the part
 * refuses in its state are ignored until CS# rises, and a floating bus reads 0xff. Thread-safe; the
 * media keeps the cells (program only clears bits), and the registers' non-volatile bits in its
 * {@link org.flashstack.api.media.NonVolatileRecords}, so that a restart finds them as a power
 * cycle does.
 */
public final class SpiNorChip implements SpiTarget {

  private static final Logger LOG = LoggerFactory.getLogger(SpiNorChip.class);

  /** Where a transaction is. */
  enum Phase {
    /** Waiting for the instruction byte. */
    INSTRUCTION,
    /** Taking address bytes. */
    ADDRESS,
    /** Mode and dummy clocks, before data out. */
    WAIT,
    /** The chip drives data. */
    DATA_OUT,
    /** The controller drives data. */
    DATA_IN,
    /** Nothing more happens until CS# rises. */
    IGNORED
  }

  /** What the chip is busy with. */
  enum Work {
    PROGRAM,
    ERASE,
    REGISTER_WRITE,
    RESET
  }

  /** A program, erase or register write in progress or suspended. */
  private record Operation(Work work, long endsAt, long remaining, long offset, long length) {}

  private final String name;
  private final ChipPart part;
  private final FlashMedia media;

  /** The record of the registers' non-volatile bits: 4 bytes per register, in catalog order. */
  static final String REGISTERS_RECORD = "spinor.registers";

  private final EmulatedClock clock;
  private final byte[] sfdp;
  private final ChipCommand[] commands;
  private final BlockProtection protection;
  private final Sst26BlockProtection sst26;
  private final ChipPart.Roles roles;
  private final int[] registers;
  private final int[] nonVolatile;
  private final int[] readOnlyRoleMask;
  private final byte[] pageBuffer;
  private final boolean[] pageTouched;
  private final byte[] dataIn = new byte[32];

  private boolean selected;
  private boolean powered = true;
  private long powerLosses;
  private Phase phase = Phase.INSTRUCTION;
  private ChipCommand command;
  private int addressNeeded;
  private int addressReceived;
  private long address;
  private long waitClocks;
  private long streamBit;
  private int dataReceived;
  private boolean writeEnable;
  private boolean volatileArmed;
  private boolean resetEnabled;
  private boolean resetWasEnabled;
  private boolean fourByte;
  private boolean deepPowerDown;
  private boolean errorHold;
  private Operation busy;
  private Operation suspended;
  private long conflicts;
  private long ignoredCommands;

  /**
   * @param name the device name
   * @param part the catalog part
   * @param media the cells: the part's size, erase value 0xff, sectors a divisor of its smallest
   *     erase
   * @param clock the clock busy times run on, or null for operations that complete at once
   * @param sfdp the SFDP space the chip answers Read SFDP (0x5a) with
   * @throws IllegalArgumentException if the media does not fit the part
   */
  public SpiNorChip(
      String name, ChipPart part, FlashMedia media, EmulatedClock clock, byte[] sfdp) {
    this.name = Objects.requireNonNull(name, "name");
    this.part = Objects.requireNonNull(part, "part");
    this.media = Objects.requireNonNull(media, "media");
    this.clock = clock;
    this.sfdp = sfdp.clone();
    if (media.size() != part.size() || media.eraseValue() != 0xff) {
      throw new IllegalArgumentException(
          String.format(
              "%s: media of %d bytes erasing to 0x%02x does not fit a %s (%d bytes, erased 0xff)",
              name, media.size(), media.eraseValue(), part.name(), part.size()));
    }
    this.commands = CommandTable.of(part);
    this.roles = part.roles();
    switch (part.protection().scheme()) {
      case "block-protect" -> {
        this.protection = new BlockProtectBits(part);
        this.sst26 = null;
      }
      case "sst26" -> {
        this.sst26 = new Sst26BlockProtection(part.size());
        this.protection = sst26;
      }
      default -> {
        this.protection = BlockProtection.NONE;
        this.sst26 = null;
      }
    }
    int count = part.registers().size();
    this.registers = new int[count];
    this.nonVolatile = new int[count];
    this.readOnlyRoleMask = new int[count];
    for (int i = 0; i < count; i++) {
      nonVolatile[i] = part.registers().get(i).factoryValue();
    }
    byte[] stored = media.nonVolatileRecords().read(REGISTERS_RECORD);
    if (stored != null && stored.length == count * Integer.BYTES) {
      java.nio.ByteBuffer values = java.nio.ByteBuffer.wrap(stored);
      for (int i = 0; i < count; i++) {
        ChipPart.Register register = part.registers().get(i);
        int kept = register.nonVolatile() | register.oneTimeProgrammable();
        nonVolatile[i] = (nonVolatile[i] & ~kept) | (values.getInt() & kept);
      }
    }
    for (ChipPart.Bit bit :
        new ChipPart.Bit[] {
          roles.busy(),
          roles.ready(),
          roles.writeEnable(),
          roles.eraseSuspended(),
          roles.programSuspended()
        }) {
      if (bit != null) {
        readOnlyRoleMask[bit.register()] |= bit.mask();
      }
    }
    this.pageBuffer = new byte[part.pageSize()];
    this.pageTouched = new boolean[part.pageSize()];
    powerUp();
  }

  /**
   * @return the device name
   */
  @Override
  public String name() {
    return name;
  }

  /**
   * @return the catalog part
   */
  public ChipPart part() {
    return part;
  }

  /**
   * @return the cells
   */
  public FlashMedia media() {
    return media;
  }

  /**
   * @return how many times a transaction overlapped another (two masters on the chip)
   */
  public synchronized long busConflicts() {
    return conflicts;
  }

  /**
   * @return how many commands the chip ignored (unknown, refused in its state, cut short, or
   *     clocked on the wrong lanes)
   */
  public synchronized long ignoredCommands() {
    return ignoredCommands;
  }

  /**
   * @return whether a program, erase or register write is in progress
   */
  public synchronized boolean isBusy() {
    settle();
    return busy != null || errorHold;
  }

  /**
   * @return whether the chip is in 4-byte address mode
   */
  public synchronized boolean isFourByteMode() {
    return fourByte;
  }

  /**
   * @return whether the chip is in deep power-down
   */
  public synchronized boolean isDeepPoweredDown() {
    return deepPowerDown;
  }

  /**
   * @param register a register index of the part
   * @return its value as a read instruction returns it now
   */
  public synchronized int register(int register) {
    settle();
    return registerValue(register);
  }

  /** Power off: the transaction and any operation in progress stop; the chip ignores the bus. */
  public synchronized void powerOff() {
    if (powered) {
      powerLosses++;
    }
    powered = false;
    busy = null;
    suspended = null;
    phase = Phase.IGNORED;
  }

  /**
   * @return how many times the chip lost its supply (cut, or a power cut inside an operation)
   */
  public synchronized long powerLosses() {
    return powerLosses;
  }

  /** Power on: the chip starts as at power-up. */
  public synchronized void powerOn() {
    powered = true;
    powerUp();
    phase = selected ? Phase.IGNORED : Phase.INSTRUCTION;
  }

  /**
   * @return whether the supply is on
   */
  public synchronized boolean isPowered() {
    return powered;
  }

  private void powerUp() {
    resetVolatileState();
    resetEnabled = false;
    deepPowerDown = false;
    if (sst26 != null) {
      sst26.powerUp();
    }
  }

  private void softReset() {
    resetVolatileState();
    startBusy(Work.RESET, part.reset().micros() * 1000, 0, 0);
  }

  /**
   * What power-up and soft reset both restore: registers from their non-volatile bits, WEL, the
   * volatile write enable, error hold, operations, and the power-up address mode.
   */
  private void resetVolatileState() {
    for (int i = 0; i < registers.length; i++) {
      registers[i] = nonVolatile[i] & part.registers().get(i).nonVolatile();
    }
    writeEnable = false;
    volatileArmed = false;
    errorHold = false;
    busy = null;
    suspended = null;
    fourByte =
        part.addressing().mode().equals("4")
            || (roles.fourBytePowerUp() != null && isSet(roles.fourBytePowerUp()));
    syncFourByteBit();
  }

  @Override
  public synchronized void select() {
    if (selected) {
      conflicts++;
      throw new SpiBusConflictException(
          name + ": CS# asserted while a transaction is in progress (two masters on one chip)");
    }
    selected = true;
    phase = powered ? Phase.INSTRUCTION : Phase.IGNORED;
    command = null;
    addressReceived = 0;
    address = 0;
    waitClocks = 0;
    streamBit = 0;
    dataReceived = 0;
  }

  private void requireSelected(String what) {
    if (!selected) {
      conflicts++;
      throw new SpiBusConflictException(name + ": " + what + " while CS# is not asserted");
    }
  }

  @Override
  public synchronized void transmit(byte[] data, int offset, int length, SpiLanes lanes) {
    Objects.checkFromIndexSize(offset, length, data.length);
    requireSelected("transmit");
    int index = offset;
    int end = offset + length;
    while (index < end && phase != Phase.IGNORED) {
      switch (phase) {
        case INSTRUCTION -> {
          if (lanes != SpiLanes.SINGLE) {
            ignore();
            return;
          }
          begin(data[index++] & 0xff);
        }
        case ADDRESS -> {
          if (lanes.width() != command.addressLanes()) {
            ignore();
            return;
          }
          while (index < end && addressReceived < addressNeeded) {
            address = (address << 8) | (data[index++] & 0xff);
            addressReceived++;
          }
          if (addressReceived == addressNeeded) {
            afterAddress();
          }
        }
        case WAIT -> {
          waitClocks += (long) (end - index) * lanes.clocksPerByte();
          index = end;
        }
        case DATA_OUT -> {
          streamBit += (long) (end - index) * lanes.clocksPerByte() * command.dataLanes();
          index = end;
        }
        case DATA_IN -> {
          if (lanes.width() != command.dataLanes()) {
            ignore();
            return;
          }
          int taken = take(data, index, end - index);
          index += taken;
        }
        default -> index = end;
      }
    }
  }

  @Override
  public synchronized void receive(byte[] destination, int offset, int length, SpiLanes lanes) {
    Objects.checkFromIndexSize(offset, length, destination.length);
    requireSelected("receive");
    if (length == 0) {
      return;
    }
    if (phase == Phase.WAIT) {
      phase = Phase.DATA_OUT;
      streamBit = (waitClocks - command.waitClocks()) * command.dataLanes();
    }
    if (phase != Phase.DATA_OUT) {
      if (phase != Phase.IGNORED) {
        ignore();
      }
      Arrays.fill(destination, offset, offset + length, (byte) 0xff);
      return;
    }
    if (lanes.width() != command.dataLanes()) {
      Arrays.fill(destination, offset, offset + length, (byte) 0xff);
      streamBit += (long) length * lanes.clocksPerByte() * command.dataLanes();
      return;
    }
    produce(destination, offset, length);
  }

  @Override
  public synchronized void exchange(
      byte[] transmit, int transmitOffset, byte[] receive, int receiveOffset, int length) {
    Objects.checkFromIndexSize(transmitOffset, length, transmit.length);
    Objects.checkFromIndexSize(receiveOffset, length, receive.length);
    requireSelected("exchange");
    for (int i = 0; i < length; i++) {
      if (phase == Phase.WAIT || phase == Phase.DATA_OUT) {
        receive(receive, receiveOffset + i, length - i, SpiLanes.SINGLE);
        return;
      }
      receive[receiveOffset + i] = (byte) 0xff;
      transmit(transmit, transmitOffset + i, 1, SpiLanes.SINGLE);
    }
  }

  @Override
  public synchronized void dummy(int clocks) {
    requireSelected("dummy clocks");
    if (clocks <= 0) {
      return;
    }
    switch (phase) {
      case WAIT -> waitClocks += clocks;
      case DATA_OUT -> streamBit += (long) clocks * command.dataLanes();
      case IGNORED -> {}
      default -> ignore();
    }
  }

  @Override
  public synchronized void deselect() {
    requireSelected("CS# released");
    selected = false;
    if (!powered || command == null) {
      return;
    }
    boolean complete =
        switch (phase) {
          case ADDRESS -> command.kind() == Kind.RELEASE_POWER_DOWN;
          case INSTRUCTION, IGNORED -> false;
          default -> true;
        };
    if (complete) {
      try {
        execute();
      } catch (PowerLossException e) {
        // the power went inside the operation: the chip is off until its supply is restored
        LOG.warn("{}: {}", name, e.getMessage());
        powerOff();
      } catch (MediaFaultException e) {
        LOG.warn(
            "{}: {} at 0x{} failed in the media: {}",
            name,
            command.kind(),
            Long.toHexString(address),
            e.getMessage());
        busy = null;
        writeEnable = false;
      }
    }
    command = null;
  }

  private void ignore() {
    if (phase != Phase.IGNORED) {
      ignoredCommands++;
    }
    phase = Phase.IGNORED;
  }

  /** The instruction byte arrived: decide whether the chip takes it in its state. */
  private void begin(int opcode) {
    settle();
    ChipCommand next = commands[opcode];
    resetWasEnabled = resetEnabled;
    resetEnabled = false;
    if (next == null || !accepts(next)) {
      ignore();
      return;
    }
    command = next;
    addressNeeded =
        next.address() == ChipCommand.CURRENT_ADDRESS ? (fourByte ? 4 : 3) : next.address();
    if (addressNeeded > 0) {
      phase = Phase.ADDRESS;
    } else {
      afterAddress();
    }
  }

  private boolean accepts(ChipCommand next) {
    Kind kind = next.kind();
    if (deepPowerDown) {
      return kind == Kind.RELEASE_POWER_DOWN;
    }
    if (next.needsQuadEnable() && roles.quadEnable() != null && !isSet(roles.quadEnable())) {
      return false;
    }
    if (busy != null || errorHold) {
      return switch (kind) {
        case READ_REGISTER, RESET_ENABLE, RESET -> true;
        case CLEAR_STATUS -> errorHold;
        case SUSPEND -> busy != null && (busy.work() == Work.PROGRAM || busy.work() == Work.ERASE);
        default -> false;
      };
    }
    if (suspended != null) {
      return switch (kind) {
        case ERASE,
                CHIP_ERASE,
                WRITE_STATUS,
                WRITE_BLOCK_PROTECTION,
                GLOBAL_UNLOCK,
                SUSPEND,
                ENTER_4_BYTE,
                EXIT_4_BYTE,
                DEEP_POWER_DOWN ->
            false;
        case WRITE_REGISTER -> !part.registers().get(next.register()).writeNeedsWriteEnable();
        case PAGE_PROGRAM -> suspended.work() == Work.ERASE;
        default -> true;
      };
    }
    return kind != Kind.RESUME;
  }

  private void afterAddress() {
    if (command.fourByte() || addressNeeded == 4) {
      address &= 0xffffffffL;
    } else if (roles.extendedAddress() >= 0
        && (command.kind() == Kind.READ_ARRAY
            || command.kind() == Kind.PAGE_PROGRAM
            || command.kind() == Kind.ERASE)) {
      address |= (long) (registers[roles.extendedAddress()] & 0x7f) << 24;
    }
    if (command.kind().outputs()) {
      phase = Phase.WAIT;
      waitClocks = 0;
    } else {
      phase = Phase.DATA_IN;
      dataReceived = 0;
      if (command.kind() == Kind.PAGE_PROGRAM) {
        Arrays.fill(pageBuffer, (byte) 0xff);
        Arrays.fill(pageTouched, false);
      }
    }
  }

  private static boolean expectsData(Kind kind) {
    return kind == Kind.PAGE_PROGRAM
        || kind == Kind.WRITE_STATUS
        || kind == Kind.WRITE_REGISTER
        || kind == Kind.WRITE_BLOCK_PROTECTION;
  }

  /** Data bytes of a program or register write; returns how many were taken. */
  private int take(byte[] data, int offset, int length) {
    Kind kind = command.kind();
    if (kind == Kind.PAGE_PROGRAM) {
      int page = part.pageSize();
      for (int i = 0; i < length; i++) {
        int at = (int) ((address + dataReceived) & (page - 1));
        pageBuffer[at] = data[offset + i];
        pageTouched[at] = true;
        dataReceived++;
      }
      return length;
    }
    if (!expectsData(kind)) {
      // clocks after a complete instruction that takes no data: the chip drops the command
      ignore();
      return length;
    }
    for (int i = 0; i < length; i++) {
      if (dataReceived < dataIn.length) {
        dataIn[dataReceived] = data[offset + i];
      }
      dataReceived++;
    }
    return length;
  }

  // ---- data out -------------------------------------------------------------------------------

  private void produce(byte[] destination, int offset, int length) {
    if (streamBit >= 0 && (streamBit & 7) == 0) {
      bytes(streamBit >>> 3, destination, offset, length);
    } else {
      byte[] window = new byte[length + 1];
      long first = Math.floorDiv(streamBit, 8);
      int shift = (int) Math.floorMod(streamBit, 8);
      int ones = (int) Math.max(0, Math.min(window.length, -first));
      Arrays.fill(window, 0, ones, (byte) 0xff);
      if (ones < window.length) {
        bytes(first + ones, window, ones, window.length - ones);
      }
      for (int i = 0; i < length; i++) {
        int high = (window[i] & 0xff) << shift;
        int low = shift == 0 ? 0 : (window[i + 1] & 0xff) >>> (8 - shift);
        destination[offset + i] = (byte) (high | low);
      }
    }
    streamBit += 8L * length;
  }

  /** Bytes {@code index..} of the current command's output stream. */
  private void bytes(long index, byte[] destination, int offset, int length) {
    switch (command.kind()) {
      case READ_ARRAY -> readArray(address + index, destination, offset, length);
      case READ_SFDP -> {
        for (int i = 0; i < length; i++) {
          long at = ((address + index + i) & 0xffffff);
          destination[offset + i] = at < sfdp.length ? sfdp[(int) at] : (byte) 0xff;
        }
      }
      case READ_JEDEC_ID -> cycle(part.jedecId(), index, destination, offset, length);
      case READ_MANUFACTURER_DEVICE_ID -> {
        byte[] id = part.legacyIds().get(0x90);
        byte[] order = (address & 1) == 0 ? id : new byte[] {id[1], id[0]};
        cycle(order, index, destination, offset, length);
      }
      case RELEASE_POWER_DOWN -> {
        byte[] signature = part.legacyIds().get(0xab);
        if (signature == null) {
          Arrays.fill(destination, offset, offset + length, (byte) 0xff);
        } else {
          cycle(signature, index, destination, offset, length);
        }
      }
      case READ_REGISTER -> {
        settle();
        Arrays.fill(destination, offset, offset + length, (byte) registerValue(command.register()));
      }
      case READ_BLOCK_PROTECTION -> {
        for (int i = 0; i < length; i++) {
          destination[offset + i] = sst26.byteAt((int) ((index + i) % sst26.length()));
        }
      }
      default -> Arrays.fill(destination, offset, offset + length, (byte) 0xff);
    }
  }

  private void readArray(long from, byte[] destination, int offset, int length) {
    long size = part.size();
    long at = Math.floorMod(from, size);
    int done = 0;
    while (done < length) {
      int chunk = (int) Math.min(length - done, size - at);
      media.read(at, destination, offset + done, chunk);
      done += chunk;
      at = 0;
    }
  }

  private static void cycle(byte[] bytes, long index, byte[] destination, int offset, int length) {
    for (int i = 0; i < length; i++) {
      destination[offset + i] = bytes[(int) ((index + i) % bytes.length)];
    }
  }

  private int registerValue(int register) {
    int value = registers[register];
    value = apply(value, register, roles.busy(), busy != null || errorHold);
    value = apply(value, register, roles.ready(), busy == null && !errorHold);
    value = apply(value, register, roles.writeEnable(), writeEnable);
    value =
        apply(
            value,
            register,
            roles.eraseSuspended(),
            suspended != null && suspended.work() == Work.ERASE);
    if (roles.programSuspended() != null
        && !roles.programSuspended().equals(roles.eraseSuspended())) {
      value =
          apply(
              value,
              register,
              roles.programSuspended(),
              suspended != null && suspended.work() == Work.PROGRAM);
    } else if (roles.programSuspended() != null && suspended != null) {
      value = apply(value, register, roles.programSuspended(), true);
    }
    value = apply(value, register, roles.fourByteMode(), fourByte);
    return value & 0xff;
  }

  private static int apply(int value, int register, ChipPart.Bit bit, boolean on) {
    if (bit == null || bit.register() != register) {
      return value;
    }
    return on ? value | bit.mask() : value & ~bit.mask();
  }

  private boolean isSet(ChipPart.Bit bit) {
    return (registers[bit.register()] & bit.mask()) != 0;
  }

  private void setBit(ChipPart.Bit bit, boolean on) {
    if (bit != null) {
      registers[bit.register()] = apply(registers[bit.register()], bit.register(), bit, on);
    }
  }

  private void syncFourByteBit() {
    setBit(roles.fourByteMode(), fourByte);
  }

  // ---- CS# rising -----------------------------------------------------------------------------

  private void execute() {
    Kind kind = command.kind();
    switch (kind) {
      case WRITE_ENABLE -> writeEnable = true;
      case WRITE_DISABLE -> {
        writeEnable = false;
        volatileArmed = false;
      }
      case VOLATILE_WRITE_ENABLE -> volatileArmed = true;
      case WRITE_STATUS -> writeRegisters(part.writeStatus().registers());
      case WRITE_REGISTER -> writeRegisters(java.util.List.of(command.register()));
      case PAGE_PROGRAM -> program();
      case ERASE -> erase();
      case CHIP_ERASE -> chipErase();
      case ENTER_4_BYTE, EXIT_4_BYTE -> {
        if (part.addressing().needsWriteEnable() && !writeEnable) {
          return;
        }
        fourByte = kind == Kind.ENTER_4_BYTE;
        syncFourByteBit();
        if (part.addressing().needsWriteEnable()) {
          writeEnable = false;
        }
      }
      case SUSPEND -> {
        settle();
        if (busy == null) {
          return;
        }
        long now = now();
        suspended =
            new Operation(
                busy.work(), 0, Math.max(0, busy.endsAt() - now), busy.offset(), busy.length());
        busy = null;
      }
      case RESUME -> {
        Operation resumed = suspended;
        suspended = null;
        startBusy(resumed.work(), resumed.remaining(), resumed.offset(), resumed.length());
      }
      case RESET_ENABLE -> resetEnabled = true;
      case RESET -> {
        if (part.reset().enable() < 0 || resetWasEnabled) {
          softReset();
        }
      }
      case DEEP_POWER_DOWN -> deepPowerDown = true;
      case RELEASE_POWER_DOWN -> deepPowerDown = false;
      case CLEAR_STATUS -> {
        setBit(roles.programError(), false);
        setBit(roles.eraseError(), false);
        setBit(roles.protectionError(), false);
        errorHold = false;
        writeEnable = writeEnable && !part.errorHoldsBusy();
      }
      case WRITE_BLOCK_PROTECTION -> {
        if (writeEnable && dataReceived >= sst26.length()) {
          sst26.load(Arrays.copyOf(dataIn, sst26.length()));
        }
        writeEnable = false;
      }
      case GLOBAL_UNLOCK -> {
        if (writeEnable) {
          sst26.unlockAll();
        }
        writeEnable = false;
      }
      default -> {
        // reads: nothing happens on CS# rising
      }
    }
  }

  private void writeRegisters(java.util.List<Integer> targets) {
    int count = Math.min(dataReceived, targets.size());
    if (count == 0) {
      return;
    }
    boolean needsWriteEnable = part.registers().get(targets.get(0)).writeNeedsWriteEnable();
    boolean volatileWrite = volatileArmed;
    volatileArmed = false;
    if (needsWriteEnable && !writeEnable && !volatileWrite) {
      return;
    }
    boolean nonVolatileChanged = false;
    for (int i = 0; i < count; i++) {
      int index = targets.get(i);
      ChipPart.Register register = part.registers().get(index);
      int value = dataIn[i] & 0xff;
      int writable = register.writable() & ~readOnlyRoleMask[index];
      int otp = register.oneTimeProgrammable();
      int current = registers[index];
      int stuck = nonVolatile[index] & otp;
      int next = (current & ~writable) | (value & writable) | stuck;
      registers[index] = next;
      if (!volatileWrite) {
        int nv = register.nonVolatile() & writable;
        int kept = (nonVolatile[index] & ~nv) | (next & nv) | stuck;
        nonVolatileChanged |= kept != nonVolatile[index];
        nonVolatile[index] = kept;
      }
    }
    if (nonVolatileChanged) {
      // only a change reaches the records: writes of registers without non-volatile bits (an
      // extended address register) and writes that change nothing never touch the file
      storeNonVolatileRegisters();
    }
    if (roles.fourByteMode() != null
        && (part.registers().get(roles.fourByteMode().register()).writable()
                & roles.fourByteMode().mask())
            != 0) {
      fourByte = isSet(roles.fourByteMode());
    }
    if (volatileWrite || !needsWriteEnable) {
      return;
    }
    boolean nonVolatileBits = false;
    for (int i = 0; i < count; i++) {
      nonVolatileBits |= part.registers().get(targets.get(i)).nonVolatile() != 0;
    }
    if (!nonVolatileBits) {
      writeEnable = false;
      return;
    }
    startBusy(Work.REGISTER_WRITE, part.timing().statusWriteMicros() * 1000, 0, 0);
  }

  /** The registers' non-volatile bits are cells too: kept with the media, they survive restarts. */
  private void storeNonVolatileRegisters() {
    java.nio.ByteBuffer values = java.nio.ByteBuffer.allocate(nonVolatile.length * Integer.BYTES);
    for (int value : nonVolatile) {
      values.putInt(value);
    }
    media.nonVolatileRecords().write(REGISTERS_RECORD, values.array());
  }

  private void program() {
    if (!writeEnable || dataReceived == 0) {
      return;
    }
    long page = part.pageSize();
    long base = Math.floorMod(address, part.size()) & ~(page - 1);
    if (suspended != null
        && base < suspended.offset() + suspended.length()
        && suspended.offset() < base + page) {
      writeEnable = false;
      return;
    }
    if (refused(base, page, roles.programError())) {
      return;
    }
    setBit(roles.programError(), false);
    int first = -1;
    int last = -1;
    for (int i = 0; i < pageTouched.length; i++) {
      if (pageTouched[i]) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    try {
      media.program(base + first, pageBuffer, first, last - first + 1);
    } catch (MediaOperationFailedException e) {
      failed(roles.programError(), e);
    }
    int bytes = Math.min(dataReceived, (int) page);
    startBusy(Work.PROGRAM, part.timing().programMicros(bytes) * 1000, base, page);
  }

  private void erase() {
    if (!writeEnable) {
      return;
    }
    long at = Math.floorMod(address, part.size());
    ChipPart.EraseType type = eraseTypeAt(at);
    if (type == null) {
      ignoredCommands++;
      return;
    }
    long start = at & ~(type.size() - 1);
    if (refused(start, type.size(), roles.eraseError())) {
      return;
    }
    setBit(roles.eraseError(), false);
    try {
      media.erase(start, type.size());
    } catch (MediaOperationFailedException e) {
      failed(roles.eraseError(), e);
    }
    startBusy(Work.ERASE, type.typicalMicros() * 1000, start, type.size());
  }

  /** The erase type of this instruction that works at {@code at}, by the sector map. */
  private ChipPart.EraseType eraseTypeAt(long at) {
    for (ChipPart.Region region : part.regions()) {
      if (at >= region.offset() && at < region.end()) {
        for (int number : region.eraseTypes()) {
          ChipPart.EraseType type = part.eraseType(number);
          int opcode = command.fourByte() ? type.opcode4b() : type.opcode();
          if (opcode == command.opcode()) {
            return type;
          }
        }
      }
    }
    return null;
  }

  private void chipErase() {
    if (!writeEnable) {
      return;
    }
    if (refused(0, part.size(), roles.eraseError())) {
      return;
    }
    setBit(roles.eraseError(), false);
    try {
      media.erase(0, part.size());
    } catch (MediaOperationFailedException e) {
      failed(roles.eraseError(), e);
    }
    startBusy(Work.ERASE, part.timing().chipEraseMicros() * 1000, 0, part.size());
  }

  /**
   * A program or erase the cells did not take: the part's program or erase error bit (Micron's flag
   * status, Macronix's security register) says so, and holds the part busy where it does; a part
   * without such a bit ends the operation as if it worked, as those chips do.
   */
  private void failed(ChipPart.Bit error, MediaOperationFailedException e) {
    LOG.info("{}: {}", name, e.getMessage());
    if (error == null) {
      return;
    }
    setBit(error, true);
    if (part.errorHoldsBusy()) {
      errorHold = true;
    }
  }

  /** Refuses a program or erase of a protected range: WEL clears, error bits set. */
  private boolean refused(long offset, long length, ChipPart.Bit error) {
    if (media.isReadOnly() || protection.isProtected(registers, offset, length)) {
      writeEnable = false;
      setBit(error, true);
      setBit(roles.protectionError(), true);
      if (part.errorHoldsBusy() && error != null) {
        errorHold = true;
      }
      return true;
    }
    return false;
  }

  private void startBusy(Work work, long nanos, long offset, long length) {
    if (clock == null || nanos <= 0) {
      complete(work);
      return;
    }
    long endsAt = clock.now() + nanos;
    busy = new Operation(work, endsAt, 0, offset, length);
    clock.wakeAt(endsAt);
  }

  private long now() {
    return clock == null ? 0 : clock.now();
  }

  /** Completes a program or erase whose time is up. */
  private void settle() {
    if (busy != null && now() >= busy.endsAt()) {
      Work work = busy.work();
      busy = null;
      complete(work);
    }
  }

  private void complete(Work work) {
    if (work != Work.RESET) {
      writeEnable = false;
    }
  }

  @Override
  public String toString() {
    return String.format("%s: %s %s on %s", name, part.vendor(), part.name(), media.description());
  }
}
