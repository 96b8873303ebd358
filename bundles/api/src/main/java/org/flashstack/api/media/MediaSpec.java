package org.flashstack.api.media;

import java.nio.file.Path;
import java.util.List;
import org.flashstack.api.flash.EraseRegion;

/**
 * What media to open.
 *
 * @param name the owning device's name, used in messages
 * @param size device size in bytes, a multiple of {@code sectorSize}; 0 means "as large as the
 *     file", rounded down to a power of two (only with a file and uniform sectors)
 * @param sectorSize the smallest erase unit in bytes, a power of two, where the sectors are uniform
 * @param sectors the erase sectors, smallest units first-to-last, for media whose sectors differ in
 *     size (boot blocks, parameter sectors); empty for {@code size / sectorSize} uniform sectors.
 *     Larger erases (an SPI NOR 64 KiB block over 4 KiB sectors) erase several sectors at once.
 * @param eraseValue the byte value of erased cells, 0x00..0xff (0xff for NOR)
 * @param backing RAM or file, and whether the file is writable
 * @param file the backing file; null for RAM
 * @param createIfMissing with {@link BackingMode#FILE}: create a missing file of {@code size}
 *     bytes, all erased; without it a missing file is an error
 * @param programPolicy what a program over non-erased cells does
 */
public record MediaSpec(
    String name,
    long size,
    long sectorSize,
    List<EraseRegion> sectors,
    int eraseValue,
    BackingMode backing,
    Path file,
    boolean createIfMissing,
    ProgramPolicy programPolicy) {

  /** The largest media this implementation maps: 1 GiB. */
  public static final long MAX_SIZE = 1L << 30;

  /** Checks the components that do not need the file system. */
  public MediaSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("media needs the name of its device");
    }
    sectors = sectors == null ? List.of() : List.copyOf(sectors);
    if (!sectors.isEmpty()) {
      long expected = 0;
      long smallest = Long.MAX_VALUE;
      for (EraseRegion region : sectors) {
        if (region.offset() != expected) {
          throw new IllegalArgumentException(
              String.format(
                  "%s: sector regions must be contiguous: region at 0x%x, expected 0x%x",
                  name, region.offset(), expected));
        }
        expected = region.end();
        smallest = Math.min(smallest, region.blockSize());
      }
      if (size != expected) {
        throw new IllegalArgumentException(
            String.format(
                "%s: the sector regions cover %d bytes, the media has %d", name, expected, size));
      }
      sectorSize = smallest;
    }
    if (sectorSize <= 0 || Long.bitCount(sectorSize) != 1) {
      throw new IllegalArgumentException(
          name + ": erase sector size must be a power of two, not " + sectorSize);
    }
    if (size < 0 || size > MAX_SIZE || size % sectorSize != 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s: size %d must be a multiple of the sector size %d and at most %d bytes (1 GiB)",
              name, size, sectorSize, MAX_SIZE));
    }
    if (eraseValue < 0 || eraseValue > 0xff) {
      throw new IllegalArgumentException(
          name + ": erase value must be a byte value, not " + eraseValue);
    }
    if (backing == null || programPolicy == null) {
      throw new IllegalArgumentException(name + ": backing mode and program policy are required");
    }
    if (backing == BackingMode.RAM) {
      if (file != null) {
        throw new IllegalArgumentException(name + ": RAM media takes no file");
      }
      if (size == 0) {
        throw new IllegalArgumentException(name + ": RAM media needs a size");
      }
    } else if (file == null) {
      throw new IllegalArgumentException(name + ": file-backed media needs a file");
    }
    if (size == 0 && createIfMissing) {
      throw new IllegalArgumentException(
          name + ": to create a missing file the size must be given");
    }
  }

  /** RAM media of {@code size} bytes in uniform sectors, erased to 0xff, ANDing programs. */
  public static MediaSpec ram(String name, long size, long sectorSize) {
    return new MediaSpec(
        name, size, sectorSize, List.of(), 0xff, BackingMode.RAM, null, false, ProgramPolicy.AND);
  }

  /** RAM media with the given sector regions, erased to 0xff, ANDing programs. */
  public static MediaSpec ram(String name, List<EraseRegion> sectors) {
    long size = sectors.isEmpty() ? 0 : sectors.get(sectors.size() - 1).end();
    return new MediaSpec(
        name, size, 1, sectors, 0xff, BackingMode.RAM, null, false, ProgramPolicy.AND);
  }

  /**
   * The media spec of a device configuration, the one way every device model reads its image
   * settings: an empty {@code file} means RAM; {@code readOnly} opens the file without write
   * access; {@code createIfMissing} creates a missing writable image, erased; {@code
   * rejectOverwrite} refuses programs over non-erased cells.
   *
   * @param name the device name
   * @param size the device size in bytes, 0 to take it from the file
   * @param sectorSize the smallest erase unit where sectors are uniform
   * @param sectors sector regions where they are not, else empty
   */
  public static MediaSpec forDevice(
      String name,
      long size,
      long sectorSize,
      List<EraseRegion> sectors,
      String file,
      boolean readOnly,
      boolean createIfMissing,
      boolean rejectOverwrite) {
    String path = file == null ? "" : file.trim();
    BackingMode backing =
        path.isEmpty() ? BackingMode.RAM : readOnly ? BackingMode.FILE_READ_ONLY : BackingMode.FILE;
    return new MediaSpec(
        name,
        size,
        sectorSize,
        sectors,
        0xff,
        backing,
        path.isEmpty() ? null : Path.of(path),
        createIfMissing && backing == BackingMode.FILE,
        rejectOverwrite ? ProgramPolicy.REJECT_OVERWRITE : ProgramPolicy.AND);
  }

  /**
   * @return the sector regions for media of {@code actualSize} bytes (the file's size where {@link
   *     #size()} is 0)
   */
  public List<EraseRegion> sectorLayout(long actualSize) {
    if (!sectors.isEmpty()) {
      return sectors;
    }
    return List.of(new EraseRegion(0, sectorSize, (int) (actualSize / sectorSize)));
  }

  /**
   * @return a copy with another program policy
   */
  public MediaSpec withProgramPolicy(ProgramPolicy policy) {
    return new MediaSpec(
        name, size, sectorSize, sectors, eraseValue, backing, file, createIfMissing, policy);
  }
}
