package org.flashstack.hw.spinor;

import java.util.Arrays;

/**
 * SST26's Block Protection Register: one write-lock bit per 64 KiB block and per 32 KiB block, and
 * a write-lock and read-lock pair per 8 KiB block at the top and bottom. Every write-lock bit is
 * set at power-up; Write BPR (0x42) loads it, Global Unlock (0x98) clears every write-lock bit. Bit
 * 0 is the lowest 64 KiB block (at 64 KiB); above the 64 KiB blocks come the bottom and top 32 KiB
 * blocks, then the 8 KiB pairs from the bottom up (write-lock, then read-lock). It is sent most
 * significant byte first.
 */
final class Sst26BlockProtection implements BlockProtection {

  private static final long BLOCK = 65536;
  private static final long HALF = 32768;
  private static final long PARAMETER = 8192;

  private final long size;
  private final int blocks;
  private final int bits;
  private final byte[] register;

  Sst26BlockProtection(long size) {
    this.size = size;
    this.blocks = (int) (size / BLOCK) - 2;
    this.bits = blocks + 2 + 16;
    this.register = new byte[bits / 8];
    powerUp();
  }

  /**
   * @return the register's length in bytes (18 for 64 Mbit, 10 for 32 Mbit)
   */
  int length() {
    return register.length;
  }

  /** Every write-lock bit set, read-lock bits clear. */
  void powerUp() {
    Arrays.fill(register, (byte) 0);
    for (int bit = 0; bit < blocks + 2; bit++) {
      set(bit, true);
    }
    for (int block = 0; block < 8; block++) {
      set(blocks + 2 + 2 * block, true);
    }
  }

  /** Global Block Protection Unlock: every write-lock bit clear. */
  void unlockAll() {
    for (int bit = 0; bit < blocks + 2; bit++) {
      set(bit, false);
    }
    for (int block = 0; block < 8; block++) {
      set(blocks + 2 + 2 * block, false);
    }
  }

  /**
   * @param index byte of the register as sent, 0 the most significant
   */
  byte byteAt(int index) {
    return register[index % register.length];
  }

  /** Loads the register from the bytes of Write BPR, most significant first. */
  void load(byte[] bytes) {
    System.arraycopy(bytes, 0, register, 0, register.length);
  }

  private boolean get(int bit) {
    return (register[register.length - 1 - bit / 8] & (1 << (bit % 8))) != 0;
  }

  private void set(int bit, boolean value) {
    int index = register.length - 1 - bit / 8;
    if (value) {
      register[index] |= (byte) (1 << (bit % 8));
    } else {
      register[index] &= (byte) ~(1 << (bit % 8));
    }
  }

  /**
   * @return the write-lock bit guarding {@code address}
   */
  int writeLockBit(long address) {
    if (address < HALF) {
      return blocks + 2 + 2 * (int) (address / PARAMETER);
    }
    if (address < BLOCK) {
      return blocks;
    }
    if (address >= size - HALF) {
      return blocks + 2 + 2 * (4 + (int) ((address - (size - HALF)) / PARAMETER));
    }
    if (address >= size - BLOCK) {
      return blocks + 1;
    }
    return (int) ((address - BLOCK) / BLOCK);
  }

  @Override
  public boolean isProtected(int[] registers, long offset, long length) {
    long address = offset;
    long end = offset + length;
    while (address < end) {
      if (get(writeLockBit(address))) {
        return true;
      }
      address = (address / PARAMETER + 1) * PARAMETER;
    }
    return false;
  }
}
