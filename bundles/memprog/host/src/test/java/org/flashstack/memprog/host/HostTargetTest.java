package org.flashstack.memprog.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flashstack.api.memprog.MemProgResult;
import org.flashstack.memprog.image.FirmwareImage;
import org.flashstack.memprog.image.Segment;
import org.flashstack.memprog.protocol.MemProg;
import org.flashstack.memprog.protocol.MemProgCrc;
import org.flashstack.memprog.protocol.TargetCode;
import org.flashstack.memprog.target.ArrayRegion;
import org.junit.jupiter.api.Test;

class HostTargetTest {

  private static byte[] random(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static FirmwareImage at(long address, byte[] data) throws IOException {
    return FirmwareImage.of(List.of(new Segment(address, data)));
  }

  @Test
  void theHostLearnsTheLayoutAndWhatEachInterfaceIs() throws IOException {
    try (TargetFixture target =
            new TargetFixture(
                4,
                1024,
                new ArrayRegion("partition:a", 64 << 10, 4096, false),
                new ArrayRegion("partition:b", 128 << 10, 65536, true));
        MemProgHost host = target.connect()) {
      assertEquals(target.layout, host.layout());
      assertTrue(host.flashStackTarget());
      assertEquals(
          List.of(
              new TargetInterface(0, "partition:a", 64 << 10, 4096, false),
              new TargetInterface(1, "partition:b", 128 << 10, 65536, true)),
          host.interfaces());
    }
  }

  @Test
  void anImageProgrammedReadsBackWithTheSameCrc() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 256 << 10, 4096, false);
    try (TargetFixture target = new TargetFixture(8, 2048, region);
        MemProgHost host = target.connect()) {
      MemProgProgrammer programmer = new MemProgProgrammer(host);
      byte[] image = random(100_000, 1);
      ProgramReport report =
          programmer.program(
              0,
              at(0x1000, image),
              ProgramOptions.DEFAULTS.with(true, false),
              ProgressListener.NONE);
      assertEquals(100_000, report.bytesWritten());
      assertEquals(0, report.bytesSkipped());
      assertEquals(0x19000, report.bytesErased(), "25 erase units of 4 KiB");
      assertArrayEquals(image, Arrays.copyOfRange(region.cells(), 0x1000, 0x1000 + 100_000));
      assertArrayEquals(image, programmer.read(0, 0x1000, 100_000));
      assertEquals(MemProgCrc.of(image), programmer.crc(0, 0x1000, 100_000));
    }
  }

  @Test
  void programmingPartOfAnEraseUnitKeepsTheRestOfIt() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 64 << 10, 4096, false);
    byte[] before = random(64 << 10, 2);
    System.arraycopy(before, 0, region.cells(), 0, before.length);
    try (TargetFixture target = new TargetFixture(4, 1024, region);
        MemProgHost host = target.connect()) {
      byte[] patch = random(100, 3);
      new MemProgProgrammer(host)
          .program(0, at(0x2010, patch), ProgramOptions.DEFAULTS, ProgressListener.NONE);
      byte[] expected = before.clone();
      System.arraycopy(patch, 0, expected, 0x2010, 100);
      assertArrayEquals(expected, region.cells());
    }
  }

  @Test
  void skipUnchangedLeavesEraseUnitsThatAlreadyHoldTheImage() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 256 << 10, 4096, false);
    try (TargetFixture target = new TargetFixture(4, 4096, region);
        MemProgHost host = target.connect()) {
      MemProgProgrammer programmer = new MemProgProgrammer(host);
      byte[] image = random(64 << 10, 4);
      programmer.program(0, at(0, image), ProgramOptions.DEFAULTS, ProgressListener.NONE);
      image[5000] ^= 0x55; // one byte changes: one unit to do again
      ProgramReport again =
          programmer.program(
              0, at(0, image), ProgramOptions.DEFAULTS.with(true, true), ProgressListener.NONE);
      assertEquals(4096, again.bytesWritten());
      assertEquals((64 << 10) - 4096, again.bytesSkipped());
      assertEquals(4096, again.bytesErased());
      assertArrayEquals(image, Arrays.copyOf(region.cells(), 64 << 10));
    }
  }

  @Test
  void threeInterfacesProgramAtOnce() throws Exception {
    List<ArrayRegion> regions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      regions.add(new ArrayRegion("partition:p" + i, 1 << 20, 4096, false));
    }
    try (TargetFixture target = new TargetFixture(6, 4096, regions.toArray(ArrayRegion[]::new));
        MemProgHost host = target.connect()) {
      MemProgProgrammer programmer = new MemProgProgrammer(host);
      ExecutorService users = Executors.newFixedThreadPool(3);
      List<byte[]> images = new ArrayList<>();
      List<Future<ProgramReport>> jobs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        byte[] image = random(900_000, 10 + i);
        images.add(image);
        int iface = i;
        jobs.add(
            users.submit(
                () ->
                    programmer.program(
                        iface,
                        at(0, image),
                        ProgramOptions.DEFAULTS.with(true, false),
                        ProgressListener.NONE)));
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(900_000, jobs.get(i).get().bytesWritten());
        assertArrayEquals(images.get(i), Arrays.copyOf(regions.get(i).cells(), 900_000));
      }
      users.shutdown();
    }
  }

  @Test
  void oneCommandOfMoreThan128BuffersWrapsItsSequenceNumbers() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 1 << 20, 4096, false);
    try (TargetFixture target = new TargetFixture(4, 1024, region);
        MemProgHost host = target.connect()) {
      byte[] data = random(300 * 1024, 5);
      List<Chunk> chunks = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        chunks.add(new Chunk(i * 1024L, 1024, data, i * 1024));
      }
      MemProgResult r =
          MemProgHost.await(host.submit(0, MemProg.CMD_PROG_VERIFY, null, chunks.iterator(), null));
      assertEquals(MemProgCrc.of(data), r.parameter(1));
      assertArrayEquals(data, Arrays.copyOf(region.cells(), data.length));
      // and READ answers 300 buffers in order, through the response sequence's wrap
      assertArrayEquals(data, new MemProgProgrammer(host).read(0, 0, data.length));
    }
  }

  @Test
  void eachCommandsErrorStatusesNameInterfaceCommandAndCode() throws IOException {
    try (TargetFixture target =
            new TargetFixture(
                4,
                1024,
                new ArrayRegion("partition:a", 64 << 10, 4096, false),
                new ArrayRegion("partition:ro", 64 << 10, 4096, true));
        MemProgHost host = target.connect()) {
      MemProgCommandException misaligned =
          assertThrows(
              MemProgCommandException.class,
              () ->
                  MemProgHost.await(
                      host.submit(
                          0, MemProg.CMD_ERASE_RANGE, new long[] {0x800, 0x1000}, null, null)));
      assertEquals(MemProg.STATUS_ERR_PARAM, misaligned.status());
      assertEquals(TargetCode.MISALIGNED.value(), misaligned.code());
      assertEquals(
          "jvm:test: interface 0 (partition:a): ERASE_RANGE: ERR_PARAM (code 5: the erase range is not on erase-unit boundaries)",
          misaligned.getMessage());
      MemProgCommandException past =
          assertThrows(
              MemProgCommandException.class,
              () ->
                  MemProgHost.await(
                      host.submit(
                          0, MemProg.CMD_ERASE_RANGE, new long[] {0xf000, 0x2000}, null, null)));
      assertEquals(TargetCode.OUT_OF_RANGE.value(), past.code());
      MemProgCommandException readOnly =
          assertThrows(
              MemProgCommandException.class, () -> new MemProgProgrammer(host).eraseAll(1));
      assertEquals(MemProg.STATUS_ERR_EXECUTION, readOnly.status());
      assertEquals(TargetCode.READ_ONLY.value(), readOnly.code());
      MemProgCommandException noHandler =
          assertThrows(
              MemProgCommandException.class,
              () -> MemProgHost.await(host.submit(0, 0x99, null, null, null)));
      assertEquals(MemProg.STATUS_ERR_IMPLEMENTATION, noHandler.status());
      MemProgCommandException readPast =
          assertThrows(
              MemProgCommandException.class,
              () ->
                  MemProgHost.await(
                      host.submit(
                          0,
                          MemProg.CMD_READ,
                          null,
                          List.of(Chunk.request(0xff00, 0x200)).iterator(),
                          (a, d, l) -> {})));
      assertEquals(TargetCode.OUT_OF_RANGE.value(), readPast.code());
      // the host itself refuses what it can tell is wrong, before sending anything
      assertThrows(
          IllegalArgumentException.class, () -> new MemProgProgrammer(host).crc(0, 0xf000, 0x2000));
      assertThrows(
          IllegalArgumentException.class,
          () -> host.submit(2, MemProg.CMD_MASS_ERASE, null, null, null));
      // and the interfaces still work
      assertEquals(MemProgCrc.of(new byte[16]) != 0, true);
      byte[] erased = new byte[256];
      Arrays.fill(erased, (byte) 0xff);
      assertArrayEquals(erased, new MemProgProgrammer(host).read(0, 0, 256));
    }
  }

  @Test
  void crcAndProgVerifyRefuseRangesPastTheInterfaceAndAnUnboundInterfaceSaysSo()
      throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 64 << 10, 4096, false);
    byte[] before = region.cells().clone();
    org.flashstack.memprog.transport.jvm.SimulatedRam ram =
        new org.flashstack.memprog.transport.jvm.SimulatedRam(
            "jvm:test", TargetFixture.BASE, 1 << 20);
    org.flashstack.memprog.protocol.MemProgLayout layout =
        org.flashstack.memprog.protocol.MemProgLayout.packed(TargetFixture.BASE, 4, 1024);
    try (org.flashstack.memprog.target.StandaloneTarget target =
            org.flashstack.memprog.target.StandaloneTarget.start(
                "test",
                ram,
                layout,
                List.of(
                    region, new org.flashstack.memprog.target.UnboundRegion("partition:gone")));
        MemProgHost host =
            MemProgHost.connect(
                TargetFixture.link(ram, TargetFixture.BASE), HostSettings.DEFAULTS)) {
      assertEquals("partition:gone (not up)", host.iface(1).description());
      MemProgCommandException crc =
          assertThrows(
              MemProgCommandException.class,
              () ->
                  MemProgHost.await(
                      host.submit(
                          0,
                          MemProg.CMD_CRC,
                          null,
                          List.of(Chunk.request(0xfff0, 0x20)).iterator(),
                          null)));
      assertEquals(MemProg.STATUS_ERR_PARAM, crc.status());
      assertEquals(TargetCode.OUT_OF_RANGE.value(), crc.code());
      MemProgCommandException program =
          assertThrows(
              MemProgCommandException.class,
              () ->
                  MemProgHost.await(
                      host.submit(
                          0,
                          MemProg.CMD_PROG_VERIFY,
                          null,
                          List.of(new Chunk(0xfff0, 0x20, new byte[0x20], 0)).iterator(),
                          null)));
      assertEquals(TargetCode.OUT_OF_RANGE.value(), program.code());
      assertArrayEquals(before, region.cells());
      MemProgCommandException unbound =
          assertThrows(
              MemProgCommandException.class, () -> new MemProgProgrammer(host).eraseAll(1));
      assertEquals(MemProg.STATUS_ERR_EXECUTION, unbound.status());
      assertEquals(TargetCode.UNBOUND.value(), unbound.code());
    }
  }

  @Test
  void aCustomCommandFromAnyHandlerRunsWithItsParameters() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 64 << 10, 4096, false);
    try (TargetFixture target = new TargetFixture(4, 1024, region)) {
      target.handlers.put(
          0x80,
          call ->
              new MemProgResult(7, call.parameter(1) + call.parameter(2), call.region().size()));
      try (MemProgHost host = target.connect()) {
        MemProgResult r = MemProgHost.await(host.submit(0, 0x80, new long[] {40, 2}, null, null));
        assertEquals(7, r.code());
        assertEquals(42, r.parameter(1));
        assertEquals(64 << 10, r.parameter(2));
      }
    }
  }

  @Test
  void imagesPastTheInterfaceAreRefusedBeforeAnythingIsSent() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 64 << 10, 4096, false);
    byte[] before = region.cells().clone();
    try (TargetFixture target = new TargetFixture(4, 1024, region);
        MemProgHost host = target.connect()) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new MemProgProgrammer(host)
                      .program(
                          0,
                          at(0xf000, new byte[0x1001]),
                          ProgramOptions.DEFAULTS,
                          ProgressListener.NONE));
      assertEquals(
          "[0xf000, 0x10001) is past the end of interface 0 (partition:a) (65536 bytes)",
          e.getMessage());
      assertArrayEquals(before, region.cells());
    }
  }

  @Test
  void cancellationStopsAtACommandBoundary() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 16 << 20, 4096, false);
    try (TargetFixture target = new TargetFixture(4, 32768, region);
        MemProgHost host = target.connect()) {
      // asked once per 4 KiB erase unit while planning (3072 times), then before each 4 MiB run:
      // cancelled before the second run
      int[] asked = {0};
      ProgramOptions options = ProgramOptions.DEFAULTS.cancelledWhen(() -> ++asked[0] > 3073);
      assertThrows(
          java.util.concurrent.CancellationException.class,
          () ->
              new MemProgProgrammer(host)
                  .program(0, at(0, random(12 << 20, 6)), options, ProgressListener.NONE));
      // the first run is done, the rest untouched, and the connection goes on
      assertEquals((byte) 0xff, region.cells()[(4 << 20) + 1]);
      assertEquals(4096, new MemProgProgrammer(host).read(0, 0, 4096).length);
    }
  }

  @Test
  void progressReachesTheWholeImage() throws IOException {
    ArrayRegion region = new ArrayRegion("partition:a", 1 << 20, 4096, false);
    try (TargetFixture target = new TargetFixture(4, 4096, region);
        MemProgHost host = target.connect()) {
      List<Long> seen = new ArrayList<>();
      new MemProgProgrammer(host)
          .program(
              0,
              at(0, random(200_000, 7)),
              ProgramOptions.DEFAULTS,
              (phase, done, total) -> seen.add(done));
      assertEquals(200_000L, seen.get(seen.size() - 1));
    }
  }

  @Test
  void aFutureCompletesForEachOfManyQuickCommands() throws Exception {
    ArrayRegion region = new ArrayRegion("partition:a", 64 << 10, 4096, false);
    try (TargetFixture target = new TargetFixture(4, 1024, region);
        MemProgHost host = target.connect()) {
      List<CompletableFuture<MemProgResult>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        all.add(host.submit(0, MemProg.CMD_QUERY_CAP, null, null, null));
      }
      for (CompletableFuture<MemProgResult> f : all) {
        assertEquals(MemProg.VERSION, f.get().code());
      }
    }
  }
}
