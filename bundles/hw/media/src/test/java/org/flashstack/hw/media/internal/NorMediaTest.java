package org.flashstack.hw.media.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.CellOverwriteException;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaReadOnlyException;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.MediaStatistics;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NorMediaTest {

  private static final int BLOCK = 4096;

  @TempDir Path dir;

  private static FlashMedia ram(int blocks, ProgramPolicy policy) throws IOException {
    return NorMedia.open(
        MediaSpec.ram("t0", (long) blocks * BLOCK, BLOCK).withProgramPolicy(policy));
  }

  private static byte[] read(FlashMedia media, long offset, int length) {
    byte[] data = new byte[length];
    media.read(offset, data, 0, length);
    return data;
  }

  private MediaSpec file(String name, long size, BackingMode mode, boolean create) {
    return new MediaSpec(
        "f0", size, BLOCK, List.of(), 0xff, mode, dir.resolve(name), create, ProgramPolicy.AND);
  }

  @Test
  void newRamMediaIsErased() throws IOException {
    try (FlashMedia media = ram(4, ProgramPolicy.AND)) {
      byte[] all = read(media, 0, 4 * BLOCK);
      for (byte b : all) {
        assertEquals((byte) 0xff, b);
      }
      assertEquals(4, media.sectorCount());
      assertFalse(media.isReadOnly());
    }
  }

  @Test
  void programOnlyClearsBits() throws IOException {
    try (FlashMedia media = ram(2, ProgramPolicy.AND)) {
      media.program(10, new byte[] {(byte) 0xf0}, 0, 1);
      media.program(10, new byte[] {(byte) 0x3c}, 0, 1);
      assertEquals((byte) 0x30, read(media, 10, 1)[0], "a second program ANDs into the cells");
      assertEquals(1, media.statistics().overwrites());
    }
  }

  @Test
  void rejectOverwritePolicyRefusesAndChangesNothing() throws IOException {
    try (FlashMedia media = ram(2, ProgramPolicy.REJECT_OVERWRITE)) {
      media.program(100, new byte[] {0x0f, 0x0f}, 0, 2);
      CellOverwriteException e =
          assertThrows(
              CellOverwriteException.class,
              () -> media.program(100, new byte[] {0x0f, (byte) 0xf0}, 0, 2));
      assertEquals(101, e.offset());
      assertTrue(e.getMessage().contains("erase the block first"), e.getMessage());
      assertArrayEquals(new byte[] {0x0f, 0x0f}, read(media, 100, 2));
      assertFalse(media.isProgrammable(100, new byte[] {(byte) 0xfe}, 0, 1));
      assertTrue(media.isProgrammable(100, new byte[] {0x0e}, 0, 1));
      assertTrue(
          media.isProgrammable(100, new byte[] {(byte) 0xff}, 0, 1),
          "0xff is padding: it programs nothing");
      media.program(100, new byte[] {(byte) 0xff, (byte) 0xff}, 0, 2);
      assertArrayEquals(new byte[] {0x0f, 0x0f}, read(media, 100, 2));
      MediaStatistics stats = media.statistics();
      assertEquals(1, stats.refused());
      assertEquals(2, stats.programs(), "the first program and the all-0xff one");
    }
  }

  @Test
  void eraseSetsOneWholeBlockAndCountsIt() throws IOException {
    try (FlashMedia media = ram(3, ProgramPolicy.AND)) {
      byte[] zeros = new byte[3 * BLOCK];
      media.program(0, zeros, 0, zeros.length);
      media.erase(BLOCK, BLOCK);
      media.erase(BLOCK, BLOCK);
      byte[] all = read(media, 0, 3 * BLOCK);
      for (int i = 0; i < all.length; i++) {
        assertEquals(i >= BLOCK && i < 2 * BLOCK ? (byte) 0xff : 0, all[i], "byte " + i);
      }
      assertEquals(0, media.eraseCount(0));
      assertEquals(2, media.eraseCount(1));
      assertEquals(2, media.statistics().erases());
    }
  }

  @Test
  void configurableEraseValue() throws IOException {
    MediaSpec spec =
        new MediaSpec(
            "z",
            2 * BLOCK,
            BLOCK,
            List.of(),
            0x00,
            BackingMode.RAM,
            null,
            false,
            ProgramPolicy.AND);
    try (FlashMedia media = NorMedia.open(spec)) {
      assertEquals(0, read(media, 5, 1)[0]);
      assertEquals(0x00, media.eraseValue());
    }
  }

  @Test
  void outOfRangeAccessIsRefusedAndChangesNothing() throws IOException {
    try (FlashMedia media = ram(2, ProgramPolicy.AND)) {
      byte[] before = read(media, 0, 2 * BLOCK);
      assertThrows(
          IndexOutOfBoundsException.class, () -> media.program(2 * BLOCK - 1, new byte[2], 0, 2));
      assertThrows(IndexOutOfBoundsException.class, () -> media.program(-1, new byte[1], 0, 1));
      assertThrows(IndexOutOfBoundsException.class, () -> media.read(2 * BLOCK, new byte[1], 0, 1));
      assertThrows(IndexOutOfBoundsException.class, () -> media.erase(2L * BLOCK, BLOCK));
      IndexOutOfBoundsException e =
          assertThrows(
              IndexOutOfBoundsException.class,
              () -> media.readValue(2 * BLOCK - 2, 4, ByteOrder.LITTLE_ENDIAN));
      assertTrue(e.getMessage().contains("outside the media"), e.getMessage());
      assertArrayEquals(before, read(media, 0, 2 * BLOCK));
    }
  }

  @Test
  void readValueHonoursByteOrder() throws IOException {
    try (FlashMedia media = ram(1, ProgramPolicy.AND)) {
      media.program(0, new byte[] {0x01, 0x02, 0x03, 0x04}, 0, 4);
      assertEquals(0x04030201L, media.readValue(0, 4, ByteOrder.LITTLE_ENDIAN));
      assertEquals(0x01020304L, media.readValue(0, 4, ByteOrder.BIG_ENDIAN));
      assertEquals(0x0201L, media.readValue(0, 2, ByteOrder.LITTLE_ENDIAN));
      assertEquals(0x01L, media.readValue(0, 1, ByteOrder.BIG_ENDIAN));
    }
  }

  @Test
  void missingFileIsAnErrorUnlessCreationIsAsked() throws IOException {
    IOException e =
        assertThrows(
            IOException.class,
            () -> NorMedia.open(file("none.img", 2 * BLOCK, BackingMode.FILE, false)));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    try (FlashMedia media = NorMedia.open(file("new.img", 2 * BLOCK, BackingMode.FILE, true))) {
      assertEquals(2 * BLOCK, Files.size(dir.resolve("new.img")));
      assertTrue(
          media.notes().isEmpty(),
          "a file created to the exact size needs no note: " + media.notes());
      assertEquals((byte) 0xff, read(media, 0, 1)[0]);
    }
    byte[] onDisk = Files.readAllBytes(dir.resolve("new.img"));
    assertTrue(allBytes(onDisk, 0xff));
  }

  @Test
  void writesReachTheFileAndSurviveReopening() throws IOException {
    MediaSpec spec = file("persist.img", 4 * BLOCK, BackingMode.FILE, true);
    try (FlashMedia media = NorMedia.open(spec)) {
      media.program(BLOCK + 3, "hello".getBytes(), 0, 5);
      media.flush();
      byte[] onDisk = Files.readAllBytes(spec.file());
      assertEquals("hello", new String(onDisk, BLOCK + 3, 5));
    }
    try (FlashMedia media = NorMedia.open(spec)) {
      assertEquals("hello", new String(read(media, BLOCK + 3, 5)));
      media.erase(BLOCK, BLOCK);
    }
    assertEquals((byte) 0xff, Files.readAllBytes(spec.file())[BLOCK + 3]);
  }

  @Test
  void largerFileUsesItsFirstBytesAndSaysSo() throws IOException {
    Path image = dir.resolve("big.img");
    byte[] content = new byte[3 * BLOCK];
    Arrays.fill(content, (byte) 0x5a);
    Files.write(image, content);
    try (FlashMedia media = NorMedia.open(file("big.img", 2 * BLOCK, BackingMode.FILE, false))) {
      assertEquals(2 * BLOCK, media.size());
      String note = media.notes().get(0);
      assertTrue(note.contains("uses the first 8192 bytes") && note.contains("12288 bytes"), note);
      media.erase(BLOCK, BLOCK);
    }
    byte[] after = Files.readAllBytes(image);
    assertEquals(3 * BLOCK, after.length);
    assertEquals((byte) 0x5a, after[2 * BLOCK], "bytes past the device are untouched");
    assertEquals((byte) 0xff, after[BLOCK]);
  }

  @Test
  void sizeFromFileIsRoundedDownToAPowerOfTwoWithANote() throws IOException {
    Files.write(dir.resolve("odd.img"), new byte[3 * BLOCK]);
    try (FlashMedia media = NorMedia.open(file("odd.img", 0, BackingMode.FILE, false))) {
      assertEquals(2 * BLOCK, media.size());
      assertTrue(
          media.notes().get(0).contains("not a power of two: using the first 8192 bytes"),
          media.notes().toString());
    }
  }

  @Test
  void smallerFileIsAClearError() throws IOException {
    Files.write(dir.resolve("small.img"), new byte[BLOCK]);
    IOException e =
        assertThrows(
            IOException.class,
            () -> NorMedia.open(file("small.img", 2 * BLOCK, BackingMode.FILE, false)));
    assertTrue(e.getMessage().contains("has 4096 bytes but the device needs 8192"), e.getMessage());
    assertEquals(BLOCK, Files.size(dir.resolve("small.img")), "the file is not grown");
  }

  @Test
  void readOnlyModeRefusesChangesAndKeepsTheFile() throws IOException {
    Path image = dir.resolve("ro.img");
    byte[] content = new byte[2 * BLOCK];
    Arrays.fill(content, (byte) 0xa5);
    Files.write(image, content);
    try (FlashMedia media =
        NorMedia.open(file("ro.img", 2 * BLOCK, BackingMode.FILE_READ_ONLY, false))) {
      assertTrue(media.isReadOnly());
      assertThrows(MediaReadOnlyException.class, () -> media.program(0, new byte[1], 0, 1));
      assertThrows(MediaReadOnlyException.class, () -> media.erase(0, BLOCK));
      assertEquals((byte) 0xa5, read(media, 0, 1)[0]);
      assertEquals(2, media.statistics().refused());
    }
    assertArrayEquals(content, Files.readAllBytes(image));
  }

  @Test
  void unwritableFileNeedsTheExplicitReadOnlyMode() throws IOException {
    Path image = dir.resolve("locked.img");
    Files.write(image, new byte[2 * BLOCK]);
    Files.setPosixFilePermissions(image, PosixFilePermissions.fromString("r--r--r--"));
    IOException e =
        assertThrows(
            IOException.class,
            () -> NorMedia.open(file("locked.img", 2 * BLOCK, BackingMode.FILE, false)));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
  }

  @Test
  void directoryIsNotAnImage() throws IOException {
    Files.createDirectory(dir.resolve("d.img"));
    IOException e =
        assertThrows(
            IOException.class,
            () -> NorMedia.open(file("d.img", 2 * BLOCK, BackingMode.FILE, false)));
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void oneImageCannotBeOpenedTwice() throws IOException {
    MediaSpec spec = file("shared.img", 2 * BLOCK, BackingMode.FILE, true);
    try (FlashMedia first = NorMedia.open(spec)) {
      IOException e = assertThrows(IOException.class, () -> NorMedia.open(spec));
      assertTrue(e.getMessage().contains("already in use"), e.getMessage());
      assertFalse(first.isReadOnly(), "the first opener keeps its image");
    }
    NorMedia.open(spec).close();
  }

  @Test
  void stoppingTheProviderClosesMediaLeftOpenAndReleasesTheirFiles() throws IOException {
    NorMediaProvider provider = new NorMediaProvider();
    MediaSpec spec = file("left.img", 2 * BLOCK, BackingMode.FILE, true);
    FlashMedia leftOpen = provider.open(spec);
    FlashMedia closedByItsDevice = provider.open(MediaSpec.ram("r", BLOCK, BLOCK));
    closedByItsDevice.close();
    leftOpen.program(0, new byte[] {0x11}, 0, 1);
    provider.deactivate();
    assertThrows(IllegalStateException.class, () -> leftOpen.read(0, new byte[1], 0, 1));
    try (FlashMedia again = NorMedia.open(spec)) {
      assertEquals(0x11, read(again, 0, 1)[0], "flushed on close, and the file lock is free");
    }
  }

  @Test
  void closedMediaRefusesUse() throws IOException {
    FlashMedia media = ram(1, ProgramPolicy.AND);
    media.close();
    assertThrows(IllegalStateException.class, () -> media.read(0, new byte[1], 0, 1));
  }

  @Test
  void inconsistentSpecsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> MediaSpec.ram("x", 3000, 1024));
    assertThrows(IllegalArgumentException.class, () -> MediaSpec.ram("x", 4096, 1000));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MediaSpec(
                "x",
                4096,
                1024,
                List.of(),
                0xff,
                BackingMode.FILE,
                null,
                false,
                ProgramPolicy.AND));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new MediaSpec(
                "x", 4096, 1024, List.of(), 256, BackingMode.RAM, null, false, ProgramPolicy.AND));
  }

  private static boolean allBytes(byte[] data, int value) {
    for (byte b : data) {
      if (b != (byte) value) {
        return false;
      }
    }
    return true;
  }
}
