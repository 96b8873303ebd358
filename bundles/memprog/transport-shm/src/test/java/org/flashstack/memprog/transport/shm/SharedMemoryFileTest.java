package org.flashstack.memprog.transport.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashstack.api.memprog.TargetLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedMemoryFileTest {

  @Test
  void twoMappingsOfOneFileSeeEachOthersWrites(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ram");
    try (SharedMemoryFile target = SharedMemoryFile.create(file, 0x2000_0000L, 4096);
        TargetLink host = ShmLocation.parse(file + "?base=0x20000000&param=0x20000100").open()) {
      assertEquals(4096, Files.size(file));
      target.write32(0x2000_0100L, 0xcafe_f00dL);
      target.fence();
      assertEquals(0xcafe_f00dL, host.memory().read32(0x2000_0100L));
      host.memory().write8(0x2000_0fffL, 0x5a);
      assertEquals(0x5a, target.read8(0x2000_0fffL));
      assertEquals(0x2000_0100L, host.paramAddress());
      assertEquals("shm:" + file + "?base=0x20000000&param=0x20000100", host.uri());
    }
  }

  @Test
  void aClosedMappingRefusesAccess(@TempDir Path dir) throws IOException {
    SharedMemoryFile ram = SharedMemoryFile.create(dir.resolve("ram"), 0, 64);
    ram.close();
    assertThrows(IllegalStateException.class, () -> ram.read8(0));
  }

  @Test
  void locationsAreReadWithDefaultsAndRefusedWithReasons(@TempDir Path dir) throws IOException {
    ShmLocation plain = ShmLocation.parse("/tmp/ram");
    assertEquals(0, plain.base());
    assertEquals(0, plain.param());
    ShmLocation based = ShmLocation.parse("/tmp/ram?base=0x20000000");
    assertEquals(0x2000_0000L, based.param(), "PARAM defaults to the base");
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ShmLocation.parse("/tmp/ram?size=4"));
    assertTrue(unknown.getMessage().contains("knows base= and param=, not 'size'"));
    assertThrows(IllegalArgumentException.class, () -> ShmLocation.parse("?base=0"));
    IOException missing =
        assertThrows(IOException.class, () -> ShmLocation.parse(dir.resolve("none") + "").open());
    assertTrue(missing.getMessage().contains("no such file"));
    Path small = dir.resolve("small");
    Files.write(small, new byte[16]);
    IllegalArgumentException outside =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShmLocation.parse(small + "?base=0x1000&param=0x1000").open());
    assertTrue(
        outside.getMessage().contains("MEMPROG_PARAM would lie outside"), outside.getMessage());
  }
}
