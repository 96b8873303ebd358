package org.flashstack.hw.media.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.flashstack.api.device.PowerLossException;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaFaultException;
import org.flashstack.api.media.MediaFaultHook;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.media.NorMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The power and fault seam, sector layouts, and image files that change under the media. */
class MediaFaultSeamTest {

  @TempDir Path dir;

  private static byte[] bytes(FlashMedia media, long offset, int length) {
    byte[] data = new byte[length];
    media.read(offset, data, 0, length);
    return data;
  }

  private static byte[] filled(int length, int value) {
    byte[] data = new byte[length];
    Arrays.fill(data, (byte) value);
    return data;
  }

  @Test
  void everyProgramAndEraseIsNumberedInOrder() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("m", 8192, 4096))) {
      assertEquals(0, media.operationCount());
      media.program(0, filled(4, 0), 0, 4);
      media.erase(0, 4096);
      bytes(media, 0, 16);
      assertEquals(2, media.operationCount(), "reads are not numbered");
    }
  }

  @Test
  void aCutAtByteNLeavesTheCellsAsFarAsTheProgramGot() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("m", 8192, 4096))) {
      media.program(0, filled(16, 0x11), 0, 16);
      media.setFaultHook(MediaFaultHook.cutAtByte(1, 5));
      PowerLossException cut =
          assertThrows(PowerLossException.class, () -> media.program(100, filled(16, 0x00), 0, 16));
      assertTrue(
          cut.getMessage().contains("program #1 at 0x64 after 5 of 16 bytes"), cut.getMessage());
      assertArrayEquals(filled(5, 0x00), bytes(media, 100, 5));
      assertArrayEquals(filled(11, 0xff), bytes(media, 105, 11), "the rest never landed");
      assertEquals(2, media.operationCount());
      media.program(100, filled(16, 0x00), 0, 16);
      assertArrayEquals(filled(16, 0x00), bytes(media, 100, 16), "operation 2 is not cut");
    }
  }

  @Test
  void aCutAtOperationNChangesNothingOfIt() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("m", 8192, 4096))) {
      media.program(0, filled(4096, 0x00), 0, 4096);
      media.setFaultHook(MediaFaultHook.cutAtOperation(1));
      assertThrows(PowerLossException.class, () -> media.erase(0, 4096));
      assertArrayEquals(filled(4096, 0x00), bytes(media, 0, 4096));
      assertEquals(0, media.eraseCount(0), "an erase that changed nothing wore nothing");
    }
  }

  @Test
  void aCutInsideAnEraseLeavesItPartlyDone() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("m", 8192, 4096))) {
      media.program(0, filled(8192, 0x00), 0, 8192);
      media.setFaultHook(MediaFaultHook.cutAtByte(1, 1000));
      assertThrows(PowerLossException.class, () -> media.erase(0, 8192));
      assertArrayEquals(filled(1000, 0xff), bytes(media, 0, 1000));
      assertArrayEquals(filled(7192, 0x00), bytes(media, 1000, 7192));
    }
  }

  @Test
  void aTornProgramLandsOnlyTheChosenBits() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("m", 4096, 4096))) {
      media.programTorn(0, new byte[] {0x00, 0x00}, 0, 2, bit -> bit % 2 == 0);
      assertArrayEquals(new byte[] {(byte) 0xaa, (byte) 0xaa}, bytes(media, 0, 2));
      assertEquals(1, media.operationCount());
    }
  }

  @Test
  void aTornEraseSetsOnlyTheChosenBits() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("m", 8192, 4096))) {
      media.program(0, filled(4096, 0x00), 0, 4096);
      media.eraseTorn(0, 4096, bit -> bit < 4);
      assertEquals(0x0f, bytes(media, 0, 1)[0]);
      assertEquals(0x00, bytes(media, 1, 1)[0]);
      assertEquals(1, media.eraseCount(0));
    }
  }

  @Test
  void nonUniformSectorsEraseAndWearPerSector() throws IOException {
    List<EraseRegion> bootBlocks =
        List.of(new EraseRegion(0, 8192, 4), new EraseRegion(32768, 65536, 3));
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("boot", bootBlocks))) {
      assertEquals(7, media.sectorCount());
      assertEquals(32768 + 3 * 65536, media.size());
      media.program(0, filled(media.size() > 0 ? 65536 : 0, 0x00), 0, 65536);
      media.erase(8192, 16384);
      assertArrayEquals(filled(8192, 0x00), bytes(media, 0, 8192));
      assertArrayEquals(filled(16384, 0xff), bytes(media, 8192, 16384));
      assertEquals(1, media.eraseCount(1));
      assertEquals(1, media.eraseCount(2));
      assertEquals(0, media.eraseCount(3));
      IllegalArgumentException inside =
          assertThrows(IllegalArgumentException.class, () -> media.erase(32768, 8192));
      assertTrue(
          inside.getMessage().contains("0xa000 is not a sector boundary"), inside.getMessage());
      assertArrayEquals(filled(8192, 0x00), bytes(media, 32768, 8192), "nothing erased");
    }
  }

  @Test
  void subSectorErasesOfLargerUnitsCountEachSector() throws IOException {
    try (FlashMedia media = NorMedia.open(MediaSpec.ram("spi", 1 << 20, 4096))) {
      media.erase(65536, 65536);
      for (int sector = 16; sector < 32; sector++) {
        assertEquals(1, media.eraseCount(sector));
      }
      assertEquals(0, media.eraseCount(15));
      assertEquals(16, media.statistics().erases());
    }
  }

  private FlashMedia fileMedia(Path image) throws IOException {
    return NorMedia.open(
        MediaSpec.forDevice("img0", 8192, 4096, List.of(), image.toString(), false, true, false));
  }

  @Test
  void anImageDeletedWhileOpenIsADeviceFaultAtTheNextWrite() throws IOException {
    Path image = dir.resolve("gone.img");
    try (FlashMedia media = fileMedia(image)) {
      Files.delete(image);
      MediaFaultException e =
          assertThrows(MediaFaultException.class, () -> media.program(0, filled(4, 0), 0, 4));
      assertTrue(e.getMessage().contains(image.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("was deleted while in use"), e.getMessage());
      assertTrue(e.getMessage().startsWith("img0: program failed"), e.getMessage());
    }
  }

  @Test
  void anImageReplacedWhileOpenIsADeviceFault() throws IOException {
    Path image = dir.resolve("swapped.img");
    try (FlashMedia media = fileMedia(image)) {
      Path other = dir.resolve("other.img");
      Files.write(other, filled(8192, 0xff));
      Files.move(other, image, StandardCopyOption.REPLACE_EXISTING);
      MediaFaultException e = assertThrows(MediaFaultException.class, () -> media.erase(0, 4096));
      assertTrue(e.getMessage().contains("was replaced by another file"), e.getMessage());
    }
  }

  @Test
  void anImageTruncatedWhileOpenIsADeviceFaultNeverAnInternalError() throws IOException {
    Path image = dir.resolve("short.img");
    try (FlashMedia media = fileMedia(image)) {
      try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
        file.setLength(1000);
      }
      MediaFaultException write =
          assertThrows(MediaFaultException.class, () -> media.program(0, filled(4, 0), 0, 4));
      assertTrue(write.getMessage().contains("was truncated to 1000 bytes"), write.getMessage());
      assertArrayEquals(
          filled(64, 0xff), bytes(media, 4096, 64), "reads come from the device, not the file");
    }
  }

  @Test
  void anImageLargerThanTheLimitSaysSo() throws IOException {
    Path image = dir.resolve("huge.img");
    try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(8L << 30);
    }
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                NorMedia.open(
                    MediaSpec.forDevice(
                        "big", 0, 4096, List.of(), image.toString(), false, false, false)));
    assertTrue(e.getMessage().contains("more than the 1 GiB this emulator holds"), e.getMessage());
  }

  @Test
  void aDanglingSymlinkAndAParentThatIsAFileAreNamed() throws IOException {
    Path link = dir.resolve("link.img");
    Files.createSymbolicLink(link, dir.resolve("nowhere.img"));
    IOException dangling = assertThrows(IOException.class, () -> fileMedia(link));
    assertTrue(
        dangling.getMessage().startsWith("img0: flash image " + link), dangling.getMessage());
    assertTrue(dangling.getMessage().contains("which does not exist"), dangling.getMessage());

    Path plain = dir.resolve("plain");
    Files.write(plain, new byte[1]);
    IOException parent = assertThrows(IOException.class, () -> fileMedia(plain.resolve("x.img")));
    assertTrue(
        parent.getMessage().contains(plain + " is a file, not a directory"), parent.getMessage());
  }

  @Test
  public void wearIsKeptWithTheImageAcrossReopens() throws IOException {
    Path image = dir.resolve("worn.img");
    try (FlashMedia media = fileMedia(image)) {
      media.erase(4096, 4096);
      media.erase(4096, 4096);
      media.erase(0, 8192);
    }
    assertTrue(Files.isRegularFile(dir.resolve("worn.img.wear")));
    try (FlashMedia media = fileMedia(image)) {
      assertEquals(1, media.eraseCount(0));
      assertEquals(3, media.eraseCount(1), "two erases before, one with the whole range");
      media.erase(0, 4096);
      assertEquals(2, media.eraseCount(0));
    }
    try (FlashMedia media = fileMedia(image)) {
      assertEquals(2, media.eraseCount(0), "each erase reached the wear file at once");
    }
    Files.write(dir.resolve("worn.img.wear"), new byte[] {1, 2, 3});
    try (FlashMedia media = fileMedia(image)) {
      assertEquals(0, media.eraseCount(1));
      assertTrue(
          media.notes().stream().anyMatch(n -> n.contains("wear is counted from zero")),
          media.notes().toString());
    }
  }
}
