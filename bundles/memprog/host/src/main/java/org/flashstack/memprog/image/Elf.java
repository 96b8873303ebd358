package org.flashstack.memprog.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The load segments of an ELF file (System V ABI, ELF32 and ELF64, either byte order): each PT_LOAD
 * program header's file bytes ({@code p_filesz} from {@code p_offset}) at its physical address
 * {@code p_paddr}, the load address, as {@code objcopy -O binary} and debug probes program them.
 * The zero-filled tail ({@code p_memsz} past {@code p_filesz}, .bss) is RAM, not programmed.
 */
public final class Elf {
  private Elf() {}

  private static final int PT_LOAD = 1;
  private static final int PN_XNUM = 0xffff;

  /**
   * @return whether {@code file} starts with the ELF magic
   */
  public static boolean is(byte[] file) {
    return file.length >= 4
        && file[0] == 0x7f
        && file[1] == 'E'
        && file[2] == 'L'
        && file[3] == 'F';
  }

  /**
   * @return the image of the load segments
   * @throws ImageFormatException naming the header at fault
   */
  public static FirmwareImage read(byte[] file, String name) throws ImageFormatException {
    if (!is(file) || file.length < 52) {
      throw new ImageFormatException(name + ": not an ELF file (no 0x7F 'ELF' header)");
    }
    int elfClass = file[4];
    int data = file[5];
    if (elfClass != 1 && elfClass != 2) {
      throw new ImageFormatException(
          name + ": ELF class " + elfClass + " is neither 32 nor 64-bit");
    }
    if (data != 1 && data != 2) {
      throw new ImageFormatException(
          name + ": ELF data encoding " + data + " is neither LSB nor MSB");
    }
    boolean is64 = elfClass == 2;
    ByteBuffer b =
        ByteBuffer.wrap(file).order(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    if (is64 && file.length < 64) {
      throw new ImageFormatException(name + ": the ELF64 header is cut short");
    }
    long phoff = is64 ? b.getLong(32) : b.getInt(28) & 0xffffffffL;
    int phentsize = b.getShort(is64 ? 54 : 42) & 0xffff;
    int phnum = b.getShort(is64 ? 56 : 44) & 0xffff;
    if (phnum == 0) {
      throw new ImageFormatException(
          name + ": no program headers, so nothing to load (a relocatable object?)");
    }
    if (phnum == PN_XNUM) {
      throw new ImageFormatException(name + ": more than 65534 program headers are not supported");
    }
    int minimum = is64 ? 56 : 32;
    if (phentsize < minimum) {
      throw new ImageFormatException(
          name
              + ": program headers of "
              + phentsize
              + " bytes; ELF"
              + (is64 ? "64" : "32")
              + " ones have "
              + minimum);
    }
    if (phoff < 0 || phoff + (long) phnum * phentsize > file.length) {
      throw new ImageFormatException(
          name + ": the program header table lies past the end of the file");
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      int at = (int) (phoff + (long) i * phentsize);
      int type = b.getInt(at);
      if (type != PT_LOAD) {
        continue;
      }
      long offset = is64 ? b.getLong(at + 8) : b.getInt(at + 4) & 0xffffffffL;
      long paddr = is64 ? b.getLong(at + 24) : b.getInt(at + 12) & 0xffffffffL;
      long filesz = is64 ? b.getLong(at + 32) : b.getInt(at + 16) & 0xffffffffL;
      long memsz = is64 ? b.getLong(at + 40) : b.getInt(at + 20) & 0xffffffffL;
      String where = name + " program header " + i;
      if (filesz < 0 || memsz < 0 || filesz > memsz) {
        throw new ImageFormatException(
            where + ": p_filesz " + filesz + " is more than p_memsz " + memsz);
      }
      if (filesz == 0) {
        continue;
      }
      if (offset < 0 || offset + filesz > file.length) {
        throw new ImageFormatException(
            String.format(
                "%s: its bytes [0x%x, 0x%x) lie past the end of the file (%d bytes)",
                where, offset, offset + filesz, file.length));
      }
      if (paddr < 0 || paddr + filesz > 0x1_0000_0000L && !is64) {
        throw new ImageFormatException(where + ": past the 32-bit address space");
      }
      byte[] bytes = new byte[(int) filesz];
      System.arraycopy(file, (int) offset, bytes, 0, bytes.length);
      segments.add(new Segment(paddr, bytes));
    }
    return FirmwareImage.of(segments);
  }
}
