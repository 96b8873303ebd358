package org.flashstack.partitions;

import static org.flashstack.partitions.Board.BLOCK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.flashstack.api.flash.FlashError;
import org.flashstack.api.flash.FlashException;
import org.flashstack.api.partition.PartitionStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PartitionTest {

  private final Board board;
  private final Partition staging;
  private final Partition certificates;

  PartitionTest() throws Exception {
    board = new Board();
    staging =
        Partition.open(
            new PartitionSpec("staging", "nor0", 4 * BLOCK, 4 * BLOCK, false, 0x9000001),
            board.flash("nor0"));
    certificates =
        Partition.open(
            new PartitionSpec("certificates", "nor0", 8 * BLOCK, 2 * BLOCK, true, 0x9000002),
            board.flash("nor0"));
  }

  @AfterEach
  void close() {
    board.close();
  }

  private static byte[] pattern(int length, int seed) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31 + seed);
    }
    return data;
  }

  private FlashException refused(FlashError error, org.junit.jupiter.api.function.Executable call)
      throws Exception {
    byte[] before = board.snapshot("nor0");
    FlashException e = assertThrows(FlashException.class, call);
    assertEquals(error, e.error(), e.getMessage());
    assertArrayEquals(before, board.snapshot("nor0"), "a refused operation changes no byte");
    return e;
  }

  @Test
  void offsetsArePartitionRelativeAndAWriteAcrossBlocksTouchesNothingElse() throws Exception {
    staging.erase(0, 4 * BLOCK);
    byte[] before = board.snapshot("nor0");
    byte[] data = pattern(BLOCK + 700, 5);
    long at = BLOCK - 300;
    staging.write(at, data, 0, data.length);
    byte[] back = new byte[data.length];
    staging.read(at, back, 0, back.length);
    assertArrayEquals(data, back);
    byte[] after = board.snapshot("nor0");
    int start = (int) (4 * BLOCK + at);
    for (int i = 0; i < after.length; i++) {
      if (i < start || i >= start + data.length) {
        assertEquals(
            before[i], after[i], "byte 0x" + Integer.toHexString(i) + " outside the write");
      } else {
        assertEquals(data[i - start], after[i]);
      }
    }
  }

  @Test
  void rangesPastTheEndAreRefusedWithTheirLimits() throws Exception {
    byte[] one = new byte[1];
    FlashException e =
        refused(FlashError.OUT_OF_RANGE, () -> staging.write(4 * BLOCK - 2, new byte[3], 0, 3));
    assertEquals(
        "staging: write at 0x00007ffe: OUT_OF_RANGE: 0x3 bytes from 0x7ffe pass the end of the"
            + " partition (0x8000 bytes)",
        e.getMessage());
    refused(FlashError.OUT_OF_RANGE, () -> staging.read(4 * BLOCK, one, 0, 1));
    refused(FlashError.OUT_OF_RANGE, () -> staging.erase(4 * BLOCK, BLOCK));
    refused(FlashError.OUT_OF_RANGE, () -> staging.read(Long.MAX_VALUE, one, 0, 1));
    refused(FlashError.INVALID_ARGUMENT, () -> staging.read(-1, one, 0, 1));
    refused(FlashError.INVALID_ARGUMENT, () -> staging.write(0, one, 1, 1));
    refused(FlashError.INVALID_ARGUMENT, () -> staging.write(0, null, 0, 1));
    staging.read(4 * BLOCK - 1, one, 0, 1);
  }

  @Test
  void anEraseOffBlockBoundariesIsMisalignedAndSaysTheEraseSize() throws Exception {
    FlashException e = refused(FlashError.MISALIGNED, () -> staging.erase(4096, BLOCK));
    assertTrue(e.getMessage().contains("0x1000 is not on an erase block boundary"), e.getMessage());
    assertTrue(e.getMessage().contains("erase size 8 KiB"), e.getMessage());
    refused(FlashError.MISALIGNED, () -> staging.erase(0, BLOCK + 1));
    assertEquals(BLOCK, staging.eraseSize());
  }

  @Test
  void aReadOnlyPartitionRefusesWriteAndEraseButReads() throws Exception {
    refused(FlashError.PROTECTED, () -> certificates.write(0, new byte[] {0}, 0, 1));
    FlashException e = refused(FlashError.PROTECTED, () -> certificates.erase(0, BLOCK));
    assertEquals(
        "certificates: erase at 0x00000000: PROTECTED: the partition is read-only", e.getMessage());
    byte[] back = new byte[4];
    certificates.read(0, back, 0, 4);
  }

  @Test
  void aPartitionMustFitItsDeviceOnEraseBlockBoundaries() {
    IllegalArgumentException large =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Partition.open(
                    new PartitionSpec("big", "nor1", 8 * BLOCK, 9 * BLOCK, false, 1),
                    board.flash("nor1")));
    assertEquals(
        "partition big (0x10000..0x22000) does not fit nor1 (128 KiB)", large.getMessage());
    IllegalArgumentException unaligned =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Partition.open(
                    new PartitionSpec("odd", "nor1", 4096, BLOCK, false, 1), board.flash("nor1")));
    assertEquals(
        "partition odd: 0x1000 is not an erase block boundary of nor1 (blocks of 8 KiB there)",
        unaligned.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Partition.open(
                new PartitionSpec("elsewhere", "nor1", 0, BLOCK, false, 1), board.flash("nor0")));
  }

  @Test
  void asynchronousOperationsCompleteOrFailAsTheBlockingOnesDo() throws Exception {
    staging.eraseAsync(0, BLOCK).get();
    byte[] data = pattern(600, 9);
    staging.writeAsync(100, data, 0, data.length).get();
    byte[] back = new byte[700];
    staging.readAsync(100, back, 50, 600).get();
    assertArrayEquals(data, Arrays.copyOfRange(back, 50, 650));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> staging.eraseAsync(1, BLOCK).get());
    assertEquals(FlashError.MISALIGNED, ((FlashException) e.getCause()).error());
    ExecutionException device =
        assertThrows(ExecutionException.class, () -> certificates.writeAsync(0, data, 0, 1).get());
    assertEquals(FlashError.PROTECTED, ((FlashException) device.getCause()).error());
  }

  @Test
  void theUserlandApiAnswersLikeSeed000sAsyncSpiFlash() throws Exception {
    PartitionAsyncSpiFlash userland = new PartitionAsyncSpiFlash(staging);
    userland.exists().get();
    assertEquals(0x9000001, userland.driverNumber());
    assertEquals(4L * BLOCK, userland.capacity().get());
    assertEquals(BLOCK, userland.eraseSize().get());
    assertTrue(userland.chunkSize().get() > 0);
    userland.erase(0, BLOCK).get();
    byte[] data = pattern(64, 1);
    userland.write(10, data, 0, data.length).get();
    byte[] back = new byte[64];
    userland.read(10, back, 0, 64).get();
    assertArrayEquals(data, back);
    userland.gone();
    staging.close();
    ExecutionException gone = assertThrows(ExecutionException.class, () -> userland.exists().get());
    assertEquals(FlashError.UNAVAILABLE, ((FlashException) gone.getCause()).error());
    ExecutionException read =
        assertThrows(ExecutionException.class, () -> userland.read(0, back, 0, 1).get());
    assertEquals(FlashError.UNAVAILABLE, ((FlashException) read.getCause()).error());
  }

  @Test
  void statisticsCountWhatWentThrough() throws Exception {
    staging.erase(0, 2 * BLOCK);
    staging.write(0, new byte[100], 0, 100);
    staging.read(0, new byte[50], 0, 50);
    assertThrows(FlashException.class, () -> staging.read(4 * BLOCK, new byte[1], 0, 1));
    PartitionStatistics statistics = staging.statistics();
    assertEquals(1, statistics.reads());
    assertEquals(1, statistics.writes());
    assertEquals(1, statistics.erases());
    assertEquals(50, statistics.bytesRead());
    assertEquals(100, statistics.bytesWritten());
    assertEquals(2L * BLOCK, statistics.bytesErased());
    assertEquals(1, statistics.errors());
    assertEquals(4, statistics.operations());
    assertEquals(0, certificates.statistics().operations(), "each partition counts its own");
  }

  @Test
  void aDeviceErrorIsNamedAfterThePartitionWithItsRelativeAddress() {
    board.virtualizer.removeDriver(board.driver);
    Partition quick =
        Partition.open(
            new PartitionSpec("quick", "nor1", 0, BLOCK, false, 7), board.flash("nor1").ifIdle());
    FlashException e = assertThrows(FlashException.class, () -> quick.read(16, new byte[4], 0, 4));
    assertEquals(FlashError.BUSY, e.error());
    assertTrue(
        e.getMessage().startsWith("quick: read at 0x00000010: BUSY: on nor1: "), e.getMessage());
  }
}
