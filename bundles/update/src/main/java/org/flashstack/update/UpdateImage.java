package org.flashstack.update;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.flashstack.api.update.UpdateException;

/**
 * An update image: a 64-byte header, then the payload. The header (little-endian):
 *
 * <pre>
 *  0  magic "FSUPDIMG" (8 bytes)
 *  8  header format version (u16, 1)
 * 10  header size (u16, 64)
 * 12  image version: major, minor, patch (3 x u16), then 2 reserved bytes
 * 20  payload length (u32)
 * 24  SHA-256 of the payload (32 bytes)
 * 56  flags (u32, 0)
 * 60  CRC-32 of bytes 0..59 (u32)
 * </pre>
 *
 * @param major the version's major number
 * @param minor the version's minor number
 * @param patch the version's patch number
 * @param payloadLength the payload's length
 * @param sha256 the payload's SHA-256
 */
public record UpdateImage(int major, int minor, int patch, long payloadLength, byte[] sha256) {

  /** The header's size. */
  public static final int HEADER = 64;

  static final byte[] MAGIC = "FSUPDIMG".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT = 1;

  public UpdateImage {
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  /**
   * @return {@code major.minor.patch}
   */
  public String version() {
    return major + "." + minor + "." + patch;
  }

  /**
   * @return the digest in hex
   */
  public String digest() {
    return HexFormat.of().formatHex(sha256);
  }

  /**
   * @return the header and payload in bytes
   */
  public long totalLength() {
    return HEADER + payloadLength;
  }

  /**
   * Builds an image of {@code payload} at version {@code major.minor.patch}.
   *
   * @throws IllegalArgumentException for a version number outside 0..65535 or a payload over 4 GiB
   */
  public static byte[] build(int major, int minor, int patch, byte[] payload) {
    for (int n : new int[] {major, minor, patch}) {
      if (n < 0 || n > 0xffff) {
        throw new IllegalArgumentException("version numbers run from 0 to 65535, not " + n);
      }
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC);
    header.putShort((short) FORMAT);
    header.putShort((short) HEADER);
    header.putShort((short) major);
    header.putShort((short) minor);
    header.putShort((short) patch);
    header.putShort((short) 0);
    header.putInt(payload.length);
    header.put(sha256(payload, 0, payload.length));
    header.putInt(0);
    header.putInt((int) crc(header.array(), 0, 60));
    header.put(payload);
    return header.array();
  }

  /**
   * Reads and checks a header (not the payload).
   *
   * @throws UpdateException BAD_IMAGE naming what is wrong
   */
  public static UpdateImage header(byte[] bytes, int offset) throws UpdateException {
    if (bytes.length - offset < HEADER) {
      throw bad("it is " + (bytes.length - offset) + " bytes, shorter than the 64-byte header");
    }
    if (!Arrays.equals(bytes, offset, offset + 8, MAGIC, 0, 8)) {
      throw bad("no FSUPDIMG magic at its start");
    }
    ByteBuffer header =
        ByteBuffer.wrap(bytes, offset, HEADER).slice().order(ByteOrder.LITTLE_ENDIAN);
    long crc = header.getInt(60) & 0xffff_ffffL;
    if (crc != crc(bytes, offset, 60)) {
      throw bad(
          String.format(
              "its header CRC is 0x%08x, its bytes give 0x%08x", crc, crc(bytes, offset, 60)));
    }
    int format = header.getShort(8) & 0xffff;
    int size = header.getShort(10) & 0xffff;
    if (format != FORMAT || size != HEADER) {
      throw bad("header format " + format + " of " + size + " bytes; this reads format 1 of 64");
    }
    if (header.getInt(56) != 0) {
      throw bad(String.format("unknown flags 0x%08x", header.getInt(56)));
    }
    byte[] digest = new byte[32];
    header.get(24, digest);
    return new UpdateImage(
        header.getShort(12) & 0xffff,
        header.getShort(14) & 0xffff,
        header.getShort(16) & 0xffff,
        header.getInt(20) & 0xffff_ffffL,
        digest);
  }

  /**
   * Checks a whole image in memory: header, length and digest.
   *
   * @throws UpdateException BAD_IMAGE naming what is wrong
   */
  public static UpdateImage verify(byte[] image) throws UpdateException {
    UpdateImage header = header(image, 0);
    if (image.length != header.totalLength()) {
      throw bad(
          String.format(
              "the header says %d payload bytes, the image has %d",
              header.payloadLength(), image.length - HEADER));
    }
    byte[] digest = sha256(image, HEADER, image.length - HEADER);
    if (!Arrays.equals(digest, header.sha256)) {
      throw bad(
          "the payload's SHA-256 is "
              + HexFormat.of().formatHex(digest)
              + ", the header says "
              + header.digest());
    }
    return header;
  }

  private static UpdateException bad(String why) {
    return new UpdateException(UpdateException.Reason.BAD_IMAGE, "not an update image: " + why);
  }

  static long crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }

  static byte[] sha256(byte[] bytes, int offset, int length) {
    MessageDigest digest = newDigest();
    digest.update(bytes, offset, length);
    return digest.digest();
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpdateImage other
        && major == other.major
        && minor == other.minor
        && patch == other.patch
        && payloadLength == other.payloadLength
        && Arrays.equals(sha256, other.sha256);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sha256);
  }

  @Override
  public String toString() {
    return version() + " (" + payloadLength + " bytes, SHA-256 " + digest() + ")";
  }
}
