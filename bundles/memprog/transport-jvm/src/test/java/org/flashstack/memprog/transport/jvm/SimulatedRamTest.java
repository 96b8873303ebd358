package org.flashstack.memprog.transport.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SimulatedRamTest {

  private final SimulatedRam ram = new SimulatedRam("jvm:t", 0x2000_0000L, 256);

  @Test
  void wordsAreLittleEndianAtTargetAddresses() {
    ram.write32(0x2000_0010L, 0x1234_5678L);
    assertEquals(0x78, ram.read8(0x2000_0010L));
    assertEquals(0x5678, ram.read16(0x2000_0010L));
    assertEquals(0x1234_5678L, ram.read32(0x2000_0010L));
    ram.write16(0x2000_0020L, 0xbeef);
    assertEquals(0xef, ram.read8(0x2000_0020L));
    ram.write32(0x2000_0030L, 0xffff_fffeL);
    assertEquals(0xffff_fffeL, ram.read32(0x2000_0030L), "unsigned");
    byte[] bytes = {1, 2, 3};
    ram.write(0x2000_00fdL, bytes, 0, 3);
    byte[] back = new byte[3];
    ram.read(0x2000_00fdL, back, 0, 3);
    assertArrayEquals(bytes, back);
  }

  @Test
  void accessesOutsideTheRamAreRefusedNamingTheAddress() {
    IndexOutOfBoundsException below =
        assertThrows(IndexOutOfBoundsException.class, () -> ram.read8(0x1fff_ffffL));
    assertEquals(
        "target address 0x1fffffff, 1 bytes, is outside the memory at [0x20000000, 0x20000100)",
        below.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> ram.write32(0x2000_00fdL, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> ram.read(0x2000_0000L, new byte[4], 2, 4));
    assertEquals(0, ram.read32(0x2000_00fcL), "nothing was written by the refused accesses");
  }

  @Test
  void aRamMustFitThirtyTwoBitAddresses() {
    assertThrows(IllegalArgumentException.class, () -> new SimulatedRam("x", 0xffff_ff00L, 512));
    assertThrows(IllegalArgumentException.class, () -> new SimulatedRam("x", 0, 0));
  }
}
