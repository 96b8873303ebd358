package org.flashstack.hw.cfi;

import java.util.BitSet;

/** A flag per sector or block as a record's bytes: bit 0 of byte 0 is sector 0. */
final class PackedBits {

  private PackedBits() {}

  static byte[] pack(boolean[] flags) {
    BitSet bits = new BitSet(flags.length);
    for (int i = 0; i < flags.length; i++) {
      bits.set(i, flags[i]);
    }
    return bits.toByteArray();
  }

  /** Sets {@code flags} from {@code record}; bits past the flags' count are ignored. */
  static void unpack(byte[] record, boolean[] flags) {
    BitSet bits = BitSet.valueOf(record);
    for (int i = 0; i < flags.length; i++) {
      flags[i] = bits.get(i);
    }
  }
}
