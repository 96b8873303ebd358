package org.flashstack.hw.media.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flashstack.api.media.BackingMode;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.api.media.ProgramPolicy;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device's non-volatile bits outside the array survive a restart, as its cells do. */
class NonVolatileRecordsTest {

  @TempDir Path dir;

  private MediaSpec file(BackingMode mode) {
    return new MediaSpec(
        "f0", 8192, 4096, List.of(), 0xff, mode, dir.resolve("f0.img"), true, ProgramPolicy.AND);
  }

  @Test
  void recordsSurviveReopeningBesideTheImage() throws IOException {
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertNull(media.nonVolatileRecords().read("sr"));
      media.nonVolatileRecords().write("sr", new byte[] {0x02, 0x40});
      media.nonVolatileRecords().write("ppb", new byte[] {1, 0, 1});
      media.nonVolatileRecords().write("sr", new byte[] {0x42});
    }
    assertTrue(Files.isRegularFile(dir.resolve("f0.img.nvr")));
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertArrayEquals(new byte[] {0x42}, media.nonVolatileRecords().read("sr"));
      assertArrayEquals(new byte[] {1, 0, 1}, media.nonVolatileRecords().read("ppb"));
      byte[] copy = media.nonVolatileRecords().read("ppb");
      copy[0] = 9;
      assertArrayEquals(
          new byte[] {1, 0, 1}, media.nonVolatileRecords().read("ppb"), "reads are copies");
    }
  }

  @Test
  void aReadOnlyImageChangesItsRecordsInMemoryOnly() throws IOException {
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      media.nonVolatileRecords().write("sr", new byte[] {1});
    }
    byte[] before = Files.readAllBytes(dir.resolve("f0.img.nvr"));
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE_READ_ONLY))) {
      assertArrayEquals(new byte[] {1}, media.nonVolatileRecords().read("sr"));
      media.nonVolatileRecords().write("sr", new byte[] {2});
      assertArrayEquals(new byte[] {2}, media.nonVolatileRecords().read("sr"));
    }
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("f0.img.nvr")));
  }

  @Test
  void aFileThatIsNotARecordsFileIsNotedLeftAloneAndReplacedOnlyByAWrite() throws IOException {
    NorMedia.open(file(BackingMode.FILE)).close(); // the image exists
    Path records = dir.resolve("f0.img.nvr");
    Files.write(records, "not records".getBytes(StandardCharsets.US_ASCII));
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertTrue(
          media.notes().stream().anyMatch(n -> n.contains("is not a records file")),
          media.notes().toString());
      assertNull(media.nonVolatileRecords().read("sr"));
      assertArrayEquals(
          "not records".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(records));
      media.nonVolatileRecords().write("sr", new byte[] {7});
    }
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertArrayEquals(new byte[] {7}, media.nonVolatileRecords().read("sr"));
    }
  }

  @Test
  void aNewImageIsANewDeviceWhateverRecordsAreLeftBesideIt() throws IOException {
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      media.nonVolatileRecords().write("sr", new byte[] {1});
    }
    Files.delete(dir.resolve("f0.img"));
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertNull(media.nonVolatileRecords().read("sr"), "factory state");
      assertTrue(
          media.notes().stream().anyMatch(n -> n.contains("belonged to an image no longer there")),
          media.notes().toString());
    }
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertNull(media.nonVolatileRecords().read("sr"), "the stale record is gone for good");
      media.nonVolatileRecords().write("qe", new byte[] {2});
    }
    try (FlashMedia media = NorMedia.open(file(BackingMode.FILE))) {
      assertArrayEquals(new byte[] {2}, media.nonVolatileRecords().read("qe"));
    }
  }

  @Test
  void malformedRecordFilesAreRefusedNamingWhy() {
    byte[] good =
        RecordsFile.format(new java.util.TreeMap<>(java.util.Map.of("a", new byte[] {1, 2})));
    assertEquals(1, RecordsFile.parse(good).size());
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      assertThrows(
          IllegalArgumentException.class, () -> RecordsFile.parse(truncated), "cut " + cut);
    }
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RecordsFile.parse(trailing));
    assertTrue(e.getMessage().contains("after the last record"), e.getMessage());
  }

  @Test
  void ramMediaKeepTheirRecordsWhileOpen() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("r0", 8192, 4096))) {
      media.nonVolatileRecords().write("x", new byte[] {3});
      assertArrayEquals(new byte[] {3}, media.nonVolatileRecords().read("x"));
    }
  }
}
