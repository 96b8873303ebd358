package org.flashstack.partitions.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The esp32part entry point as a process, as scripts run it: exit codes, outputs, no output file on
 * refusal, only the compiled classes on the class path (no OSGi, no Karaf).
 */
class Esp32PartProcessTest {

  @TempDir Path folder;

  private record Result(int status, String out, String err) {}

  private Result run(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        Path.of(Esp32Part.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString());
    command.add(Esp32Part.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
    builder.environment().putAll(environment);
    Path out = folder.resolve("stdout.txt");
    Path err = folder.resolve("stderr.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the tool ends");
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void csvToBinaryToCsvAndTheSameBinaryAgain() throws Exception {
    Path csv = folder.resolve("partitions.csv");
    Files.writeString(
        csv,
        "# Name, Type, SubType, Offset, Size, Flags\n"
            + "nvs,data,nvs,0x9000,0x6000,\nphy_init,data,phy,0xf000,0x1000,\n"
            + "factory,app,factory,0x10000,$APP_SIZE,\n");
    Result toBinary =
        run(Map.of("APP_SIZE", "1M"), csv.toString(), folder.resolve("out/table.bin").toString());
    assertEquals(0, toBinary.status(), toBinary.err());
    byte[] binary = Files.readAllBytes(folder.resolve("out/table.bin"));
    assertEquals(0xc00, binary.length);
    assertArrayEquals(
        EspPartitionTable.parseCsv(
                Files.readString(csv).replace("$APP_SIZE", "1M"), EspTableOptions.defaults())
            .toBinary(true),
        binary);

    Result toCsv = run(Map.of(), "--quiet", folder.resolve("out/table.bin").toString());
    assertEquals(0, toCsv.status(), toCsv.err());
    assertEquals(
        "# ESP-IDF Partition Table\n# Name, Type, SubType, Offset, Size, Flags\n"
            + "nvs,data,nvs,0x9000,24K,\nphy_init,data,phy,0xf000,4K,\n"
            + "factory,app,factory,0x10000,1M,\n",
        toCsv.out(),
        "a binary input writes CSV, to standard output when no output is named");
  }

  @Test
  void refusalsExitTwoSayWhyAndWriteNoFile() throws Exception {
    Path csv = folder.resolve("bad.csv");
    Files.writeString(csv, "nvs,data,nvs,0x9000,0x6000\nfactory,app,factory,0x11000,1M\n");
    Path output = folder.resolve("bad.bin");
    Result refused = run(Map.of(), csv.toString(), output.toString());
    assertEquals(2, refused.status());
    assertTrue(
        refused
            .err()
            .contains("Partition factory invalid: Offset 0x11000 is not aligned to 0x10000"),
        refused.err());
    assertFalse(Files.exists(output), "no output file on refusal");

    Files.writeString(csv, "nvs,data,nvs,0x9000,0x6000\nfactory,app,factory,0x10000,4M\n");
    Result tooBig = run(Map.of(), "--flash-size", "4MB", csv.toString(), output.toString());
    assertEquals(2, tooBig.status());
    assertTrue(tooBig.err().contains("does not fit in available flash size 4MB"), tooBig.err());
    assertFalse(Files.exists(output));

    Result badChoice = run(Map.of(), "--flash-size", "3MB", csv.toString(), output.toString());
    assertEquals(2, badChoice.status());
    assertTrue(badChoice.err().contains("invalid choice: '3MB'"), badChoice.err());

    Result noInput = run(Map.of(), folder.resolve("missing.csv").toString());
    assertEquals(2, noInput.status());
    assertTrue(noInput.err().contains("can't open"), noInput.err());

    Result bootloader =
        run(Map.of(), "--primary-bootloader-offset", "0x9000", csv.toString(), output.toString());
    assertEquals(2, bootloader.status());
    assertTrue(bootloader.err().contains("Primary bootloader must be below partition table"));

    Path corrupt = folder.resolve("corrupt.bin");
    byte[] table =
        EspPartitionTable.parseCsv("nvs,data,nvs,0x9000,0x6000", EspTableOptions.defaults())
            .toBinary(true);
    table[50] ^= 0x01; // in the stored digest
    Files.write(corrupt, table);
    Result md5 = run(Map.of(), corrupt.toString(), folder.resolve("corrupt.csv").toString());
    assertEquals(2, md5.status());
    assertTrue(md5.err().contains("MD5 checksums don't match!"), md5.err());
    assertFalse(Files.exists(folder.resolve("corrupt.csv")));

    Result md5Off =
        run(Map.of(), "--offset", "0x9000", "--disable-md5sum", csv.toString(), output.toString());
    assertEquals(2, md5Off.status(), "0x9000 is the table's own sector now");
    assertTrue(md5Off.err().contains("But partition table occupies the whole sector 0x9000"));
  }
}
