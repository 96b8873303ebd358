package org.flashstack.memprog.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The image file formats a programmer reads. */
public enum ImageFormat {
  /** Raw bytes, stored from a given address. */
  BIN,
  /** Intel HEX. */
  HEX,
  /** Motorola S-record. */
  SREC,
  /** ELF load segments. */
  ELF;

  /**
   * @return the format named {@code text} (bin, hex, ihex, srec, s19, s28, s37, mot, elf)
   * @throws IllegalArgumentException listing the names
   */
  public static ImageFormat named(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "bin", "binary", "raw" -> BIN;
      case "hex", "ihex", "intelhex" -> HEX;
      case "srec", "s19", "s28", "s37", "mot", "s-record" -> SREC;
      case "elf" -> ELF;
      default ->
          throw new IllegalArgumentException(
              "image format '" + text + "' is not one of bin, hex, srec, elf");
    };
  }

  /**
   * @return the format of {@code file} by its name's extension, else by its first bytes (ELF magic,
   *     ':' for Intel HEX, 'S0'..'S9' for S-records), else raw binary
   */
  public static ImageFormat detect(Path file, byte[] content) {
    String name =
        file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1);
    switch (extension) {
      case "hex", "ihex", "ihx" -> {
        return HEX;
      }
      case "srec", "s19", "s28", "s37", "mot" -> {
        return SREC;
      }
      case "elf", "axf", "out" -> {
        return ELF;
      }
      case "bin", "img" -> {
        return BIN;
      }
      default -> {
        if (Elf.is(content)) {
          return ELF;
        }
        if (content.length > 0 && content[0] == ':') {
          return HEX;
        }
        if (content.length > 1 && content[0] == 'S' && content[1] >= '0' && content[1] <= '9') {
          return SREC;
        }
        return BIN;
      }
    }
  }

  /**
   * Reads an image.
   *
   * @param content the file's bytes
   * @param name the file's name, for messages
   * @param binAddress where a raw binary goes (the other formats carry their addresses)
   */
  public FirmwareImage read(byte[] content, String name, long binAddress)
      throws ImageFormatException {
    return switch (this) {
      case BIN -> FirmwareImage.of(List.of(new Segment(binAddress, content)));
      case HEX -> IntelHex.read(content, name);
      case SREC -> SRecord.read(content, name);
      case ELF -> Elf.read(content, name);
    };
  }

  /** Reads an image file, its format given or (if {@code null}) detected. */
  public static FirmwareImage read(Path file, ImageFormat format, long binAddress)
      throws IOException {
    byte[] content = Files.readAllBytes(file);
    ImageFormat chosen = format != null ? format : detect(file, content);
    return chosen.read(content, file.toString(), binAddress);
  }
}
