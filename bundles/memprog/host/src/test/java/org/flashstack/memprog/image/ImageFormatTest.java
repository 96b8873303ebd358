package org.flashstack.memprog.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ImageFormatTest.class.getResourceAsStream("/images/" + name)) {
      return in.readAllBytes();
    }
  }

  private static FirmwareImage read(String name) throws IOException {
    byte[] content = resource(name);
    return ImageFormat.detect(Path.of(name), content).read(content, name, 0);
  }

  /** Every byte of {@code part} is the same in {@code whole}. */
  private static void assertWithin(FirmwareImage whole, FirmwareImage part) {
    for (Segment s : part.segments()) {
      Segment w =
          whole.segments().stream()
              .filter(x -> x.address() <= s.address() && s.end() <= x.end())
              .findFirst()
              .orElseThrow(() -> new AssertionError(s + " is not in " + whole));
      int from = (int) (s.address() - w.address());
      assertArrayEquals(
          s.data(), Arrays.copyOfRange(w.data(), from, from + s.data().length), s.toString());
    }
  }

  @Test
  void theToolchainsFourFormsOfOneProgramAgree() throws IOException {
    for (String bits : List.of("32", "64")) {
      FirmwareImage elf = read("fw" + bits + ".elf");
      assertEquals(1, elf.segments().size(), "one load segment, .bss left out");
      assertEquals(0x0800_0000L, elf.start());
      assertEquals(0x170, elf.size());
      FirmwareImage hex = read("fw" + bits + ".hex");
      FirmwareImage srec = read("fw" + bits + ".srec");
      assertWithin(elf, hex);
      assertWithin(elf, srec);
      assertEquals(hex.segments().size(), srec.segments().size());
      assertEquals(hex.size(), srec.size());
    }
    byte[] bin = resource("fw32.bin");
    assertArrayEquals(bin, read("fw32.elf").segments().get(0).data());
    FirmwareImage s19 = read("fw32-s19.srec");
    assertEquals(0, s19.start());
    assertWithin(read("fw32.elf").shift(-0x0800_0000L), s19);
  }

  @Test
  void formatsAreToldByExtensionThenByContent() throws IOException {
    assertEquals(ImageFormat.ELF, ImageFormat.detect(Path.of("a.axf"), new byte[0]));
    assertEquals(ImageFormat.SREC, ImageFormat.detect(Path.of("a.s19"), new byte[0]));
    assertEquals(ImageFormat.HEX, ImageFormat.detect(Path.of("a.ihx"), new byte[0]));
    assertEquals(ImageFormat.ELF, ImageFormat.detect(Path.of("firmware"), resource("fw32.elf")));
    assertEquals(ImageFormat.HEX, ImageFormat.detect(Path.of("firmware"), resource("fw32.hex")));
    assertEquals(ImageFormat.SREC, ImageFormat.detect(Path.of("firmware"), resource("fw32.srec")));
    assertEquals(ImageFormat.BIN, ImageFormat.detect(Path.of("firmware"), new byte[] {1, 2}));
    assertEquals(ImageFormat.SREC, ImageFormat.named("s37"));
    assertThrows(IllegalArgumentException.class, () -> ImageFormat.named("uf2"));
  }

  /** An Intel HEX record with its checksum, as the specification computes it. */
  static String record(int type, int offset, int... data) {
    StringBuilder line = new StringBuilder(":");
    int sum = data.length + (offset >> 8) + (offset & 0xff) + type;
    line.append(String.format("%02X%04X%02X", data.length, offset, type));
    for (int b : data) {
      line.append(String.format("%02X", b));
      sum += b;
    }
    return line.append(String.format("%02X", -sum & 0xff)).toString();
  }

  private static FirmwareImage hex(String... lines) throws ImageFormatException {
    return IntelHex.read(String.join("\n", lines).getBytes(StandardCharsets.US_ASCII), "t.hex");
  }

  @Test
  void intelHexSegmentAddressesWrapWithinTheirSegmentAndLinearOnesDoNot() throws IOException {
    // 02: segment 0x1000 -> base 0x10000; a record at offset 0xFFFE of 4 bytes wraps to 0x10000
    FirmwareImage segment =
        hex(record(2, 0, 0x10, 0x00), record(0, 0xfffe, 1, 2, 3, 4), record(1, 0));
    assertEquals(2, segment.segments().size());
    assertEquals(0x10000, segment.segments().get(0).address());
    assertArrayEquals(new byte[] {3, 4}, segment.segments().get(0).data());
    assertEquals(0x1fffe, segment.segments().get(1).address());
    // 04: upper 16 bits 0x0800; the same record runs on into 0x08010000
    FirmwareImage linear =
        hex(
            record(4, 0, 0x08, 0x00),
            record(0, 0xfffe, 1, 2, 3, 4),
            record(5, 0, 8, 0, 0, 0),
            record(1, 0));
    assertEquals(List.of(0x0800_fffeL), linear.segments().stream().map(Segment::address).toList());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, linear.segments().get(0).data());
  }

  @Test
  void malformedIntelHexIsRefusedNamingTheLine() {
    String good = record(0, 0, 1, 2);
    String bad = good.substring(0, good.length() - 2) + "00";
    ImageFormatException checksum =
        assertThrows(ImageFormatException.class, () -> hex(good, bad, record(1, 0)));
    assertTrue(
        checksum.getMessage().startsWith("t.hex line 2: bad checksum 0x00"), checksum.getMessage());
    assertThrows(ImageFormatException.class, () -> hex(good)); // no end of file
    assertThrows(ImageFormatException.class, () -> hex(record(1, 0), good)); // after it
    assertThrows(
        ImageFormatException.class,
        () -> hex(record(0, 0, 1, 2), record(0, 1, 3), record(1, 0))); // overlap
    assertThrows(ImageFormatException.class, () -> hex(record(6, 0), record(1, 0))); // unknown type
    ImageFormatException count =
        assertThrows(ImageFormatException.class, () -> hex(":0200000001FD", record(1, 0)));
    assertEquals("t.hex line 1: the record says 2 data bytes but holds 1", count.getMessage());
  }

  @Test
  void malformedSRecordsAreRefusedNamingTheLine() {
    byte[] good = "S1040000AA51".getBytes(StandardCharsets.US_ASCII);
    assertThrows(ImageFormatException.class, () -> SRecord.read(good, "t.srec"));
    ImageFormatException e =
        assertThrows(
            ImageFormatException.class,
            () ->
                SRecord.read(
                    "S1040000AA52\nS9030000FC\n".getBytes(StandardCharsets.US_ASCII), "t.srec"));
    assertTrue(e.getMessage().startsWith("t.srec line 1: bad checksum"), e.getMessage());
    ImageFormatException count =
        assertThrows(
            ImageFormatException.class,
            () ->
                SRecord.read(
                    "S1040000AA51\nS5030002FA\nS9030000FC\n".getBytes(StandardCharsets.US_ASCII),
                    "t.srec"));
    assertTrue(
        count.getMessage().contains("says 2 data records, the file has 1"), count.getMessage());
  }

  @Test
  void malformedElfFilesAreRefused() throws IOException {
    byte[] elf = resource("fw32.elf");
    byte[] cut = Arrays.copyOf(elf, 0x100);
    ImageFormatException e =
        assertThrows(ImageFormatException.class, () -> Elf.read(cut, "cut.elf"));
    assertTrue(e.getMessage().contains("lie past the end of the file"), e.getMessage());
    byte[] noHeaders = elf.clone();
    noHeaders[44] = 0;
    noHeaders[45] = 0;
    assertThrows(ImageFormatException.class, () -> Elf.read(noHeaders, "rel.o"));
    assertThrows(
        ImageFormatException.class, () -> Elf.read(new byte[] {0x7f, 'E', 'L', 'F'}, "short.elf"));
  }

  @Test
  void overlappingSegmentsAreRefused() {
    assertThrows(
        ImageFormatException.class,
        () -> FirmwareImage.of(List.of(new Segment(0, new byte[8]), new Segment(4, new byte[8]))));
  }
}
