package org.flashstack.hw.spinor;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.spi.SpiLanes;
import org.flashstack.clock.VirtualClock;
import org.flashstack.hw.media.NorMedia;

/**
 * The controller side of the bus for tests: whole transactions as a driver clocks them, on a chip
 * of a catalog part over RAM media with a virtual clock.
 */
final class SpiHost {

  final ChipPart part;
  final VirtualClock clock = new VirtualClock();
  final SpiNorChip chip;

  SpiHost(ChipPart part) {
    this(part, ram(part));
  }

  /** A chip of {@code part} over {@code media}: a second chip on one media is a restart. */
  SpiHost(ChipPart part, FlashMedia media) {
    this.part = part;
    this.chip = new SpiNorChip("flash0", part, media, clock, SfdpTableBuilder.sfdpOf(part));
  }

  static FlashMedia ram(ChipPart part) {
    try {
      return NorMedia.open(MediaSpec.ram("flash0", part.size(), part.smallestErase()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SpiHost of(String part) {
    return new SpiHost(ChipCatalog.builtIn().part(part));
  }

  /** A command of instruction and data bytes on one lane, nothing read back. */
  void command(int... bytes) {
    byte[] data = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = (byte) bytes[i];
    }
    chip.select();
    chip.transmit(data, 0, data.length, SpiLanes.SINGLE);
    chip.deselect();
  }

  /** Instruction, then {@code length} bytes read on one lane. */
  byte[] query(int opcode, int length) {
    byte[] out = new byte[length];
    chip.select();
    chip.transmit(new byte[] {(byte) opcode}, 0, 1, SpiLanes.SINGLE);
    chip.receive(out, 0, length, SpiLanes.SINGLE);
    chip.deselect();
    return out;
  }

  int register(String name) {
    ChipPart.Register register = part.registers().get(part.registerIndex(name));
    return query(register.readOpcode(), 1)[0] & 0xff;
  }

  boolean bit(ChipPart.Bit bit) {
    ChipPart.Register register = part.registers().get(bit.register());
    return (query(register.readOpcode(), 1)[0] & bit.mask()) != 0;
  }

  static byte[] address(long address, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = (byte) (address >>> (8 * (bytes - 1 - i)));
    }
    return out;
  }

  int addressBytes() {
    return chip.isFourByteMode() ? 4 : 3;
  }

  /** A read of {@code length} bytes with the read's own lanes and wait clocks. */
  byte[] read(ChipPart.Read read, long at, int length, int addressBytes) {
    return read(
        read.opcode(), at, addressBytes, read, read.modeClocks() + read.dummyClocks(), length);
  }

  byte[] read(int opcode, long at, int addressBytes, ChipPart.Read lanes, int wait, int length) {
    byte[] out = new byte[length];
    chip.select();
    chip.transmit(new byte[] {(byte) opcode}, 0, 1, SpiLanes.SINGLE);
    chip.transmit(address(at, addressBytes), 0, addressBytes, SpiLanes.ofWidth(lanes.lanes(1)));
    chip.dummy(wait);
    chip.receive(out, 0, length, SpiLanes.ofWidth(lanes.lanes(2)));
    chip.deselect();
    return out;
  }

  /** READ (0x03) in the current address mode. */
  byte[] read(long at, int length) {
    return read(part.reads().get(0), at, length, addressBytes());
  }

  void writeEnable() {
    command(0x06);
  }

  /** WREN, then the program instruction with address and data on its lanes. */
  void program(ChipPart.Program program, long at, byte[] data, int addressBytes) {
    writeEnable();
    chip.select();
    chip.transmit(new byte[] {(byte) program.opcode()}, 0, 1, SpiLanes.SINGLE);
    chip.transmit(address(at, addressBytes), 0, addressBytes, SpiLanes.ofWidth(program.lanes(1)));
    chip.transmit(data, 0, data.length, SpiLanes.ofWidth(program.lanes(2)));
    chip.deselect();
  }

  void program(long at, byte[] data) {
    program(part.programs().get(0), at, data, addressBytes());
  }

  void erase(int opcode, long at, int addressBytes) {
    writeEnable();
    chip.select();
    chip.transmit(new byte[] {(byte) opcode}, 0, 1, SpiLanes.SINGLE);
    chip.transmit(address(at, addressBytes), 0, addressBytes, SpiLanes.SINGLE);
    chip.deselect();
  }

  /** Lets time pass until the chip is idle (at most a minute of chip erase steps). */
  void waitReady() {
    for (int i = 0; i < 10_000 && chip.isBusy(); i++) {
      clock.advance(1_000_000_000L);
    }
  }

  /**
   * Writes one register the way the part writes it: its own instruction, or Write Status with the
   * registers before it rewritten with their current values.
   */
  void writeRegister(int index, int value) {
    ChipPart.Register register = part.registers().get(index);
    if (register.writeNeedsWriteEnable()) {
      writeEnable();
    }
    if (register.writeOpcode() >= 0) {
      command(register.writeOpcode(), value);
    } else {
      java.util.List<Integer> order = part.writeStatus().registers();
      int position = order.indexOf(index);
      if (position < 0) {
        throw new IllegalArgumentException(register.name() + " is not writable");
      }
      int[] bytes = new int[position + 2];
      bytes[0] = part.writeStatus().opcode();
      for (int i = 0; i < position; i++) {
        bytes[1 + i] = chip.register(order.get(i));
      }
      bytes[position + 1] = value;
      command(bytes);
    }
    waitReady();
  }

  void setBit(ChipPart.Bit bit, boolean on) {
    int value = chip.register(bit.register());
    writeRegister(bit.register(), on ? value | bit.mask() : value & ~bit.mask());
  }
}
