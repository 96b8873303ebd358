package org.flashstack.hw.cfi.internal;

import java.nio.ByteOrder;
import java.util.List;
import org.flashstack.api.clock.EmulatedClock;
import org.flashstack.api.flash.EraseRegion;
import org.flashstack.api.media.FlashMedia;
import org.flashstack.api.media.MediaSpec;
import org.flashstack.hw.cfi.AmdCfiBank;
import org.flashstack.hw.cfi.AmdQueryTable;
import org.flashstack.hw.cfi.CfiNorFlash;
import org.flashstack.hw.cfi.CfiPart;

/**
 * What a bank configured by part asks for: the part (a preset of either command set, or an
 * AMD/Fujitsu device the attributes describe, with a generated query table), the device width and
 * how many devices share the bus.
 */
record PartBankSpec(String name, CfiPart part, int deviceWidth, int interleave, ByteOrder order) {

  /** Typical times of a device the attributes describe: 16 us word, 256 us buffer, 1 s sector. */
  private static final long CUSTOM_WORD_MICROS = 16;

  private static final long CUSTOM_BUFFER_MICROS = 256;
  private static final long CUSTOM_SECTOR_MILLIS = 1024;

  static PartBankSpec of(CfiFlashConfiguration configuration, CfiPart preset) {
    String name = configuration.device_name();
    int bankWidth = configuration.bankWidth();
    int deviceWidth = configuration.deviceWidth();
    if (bankWidth != 1 && bankWidth != 2 && bankWidth != 4) {
      throw new IllegalArgumentException(
          name + ": bank width must be 1, 2 or 4 bytes, not " + bankWidth);
    }
    if (deviceWidth != 1 && deviceWidth != 2 || deviceWidth > bankWidth) {
      throw new IllegalArgumentException(
          String.format(
              "%s: device width %d does not fit a %d-byte bank (1 = x8 or byte mode, 2 = x16)",
              name, deviceWidth, bankWidth));
    }
    int interleave = bankWidth / deviceWidth;
    CfiPart part = preset != null ? preset : custom(configuration, interleave);
    ByteOrder order = configuration.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    return new PartBankSpec(name, part, deviceWidth, interleave, order);
  }

  /** A uniform AMD device from the attributes, with a generated query table. */
  private static CfiPart custom(CfiFlashConfiguration configuration, int interleave) {
    String name = configuration.device_name();
    if (configuration.blockCount() <= 0) {
      throw new IllegalArgumentException(
          name
              + ": an AMD device needs a block count (a power of two); it is not taken from a file");
    }
    long deviceBlock = configuration.blockSize() / interleave;
    if (Long.bitCount(configuration.blockSize()) != 1 || deviceBlock < 256) {
      throw new IllegalArgumentException(
          name
              + ": block size must be a power of two of at least 256 bytes per device, not "
              + configuration.blockSize());
    }
    if (Integer.bitCount(configuration.blockCount()) != 1 || configuration.blockCount() > 0x10000) {
      throw new IllegalArgumentException(
          name
              + ": block count must be a power of two up to 65536, not "
              + configuration.blockCount());
    }
    int buffer = configuration.writeBufferSize();
    if (buffer != 0 && (Integer.bitCount(buffer) != 1 || buffer < 2 || buffer > deviceBlock)) {
      throw new IllegalArgumentException(
          name + ": write buffer size must be 0 or a power of two from 2 bytes, not " + buffer);
    }
    List<EraseRegion> sectors =
        List.of(new EraseRegion(0, deviceBlock, configuration.blockCount()));
    byte[] query =
        AmdQueryTable.build(
            sectors,
            buffer,
            CUSTOM_WORD_MICROS,
            CUSTOM_BUFFER_MICROS,
            CUSTOM_SECTOR_MILLIS,
            CUSTOM_SECTOR_MILLIS * configuration.blockCount(),
            AmdQueryTable.UNIFORM);
    int manufacturer =
        CfiFlashComponent.number(configuration.manufacturerId(), "manufacturerId", name);
    int device = CfiFlashComponent.number(configuration.deviceId(), "deviceId", name);
    if (manufacturer < 0 || manufacturer > 0xff || device < 0 || device > 0xffff) {
      throw new IllegalArgumentException(
          String.format(
              "%s: manufacturer ID 0x%x must be one byte and device ID 0x%x one word",
              name, manufacturer, device));
    }
    return new CfiPart(
        "custom", manufacturer, device, 0, 0, sectors, query, false, false, "generated");
  }

  /**
   * @return the bank's size in bytes
   */
  long size() {
    return part.size() * interleave;
  }

  MediaSpec mediaSpec(CfiFlashConfiguration configuration) {
    List<EraseRegion> sectors = part.bankSectors(interleave);
    boolean uniform = sectors.size() == 1;
    return MediaSpec.forDevice(
        name,
        size(),
        uniform ? sectors.get(0).blockSize() : 1,
        uniform ? List.of() : sectors,
        configuration.file(),
        configuration.readOnly(),
        configuration.createIfMissing(),
        configuration.rejectOverwrite());
  }

  AmdCfiBank buildAmd(FlashMedia media, EmulatedClock clock) {
    return AmdCfiBank.onMedia(name, part, media, deviceWidth, interleave, order, clock);
  }

  CfiNorFlash buildIntel(FlashMedia media, EmulatedClock clock) {
    return CfiNorFlash.onMedia(name, part, media, deviceWidth, interleave, order, clock);
  }
}
