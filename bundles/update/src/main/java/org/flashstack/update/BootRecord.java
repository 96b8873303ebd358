package org.flashstack.update;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One record of a slot's boot log, the 32-byte cells of the slot's last erase block, appended in
 * order into erased cells and never changed (little-endian):
 *
 * <pre>
 *  0  magic "FSBR" (4 bytes)
 *  4  type (u8): 1 staged, 2 activated, 3 boot attempt, 4 confirmed, 5 bad
 *  5  three zero bytes
 *  8  value (u32): the activation's sequence number, the attempt's number
 * 12  the first 16 bytes of the SHA-256 of the image it is about
 * 28  CRC-32 of bytes 0..27 (u32)
 * </pre>
 *
 * A record torn by a power cut fails its CRC and counts for nothing; a record about another image
 * (a stale one a torn erase left) is ignored by its digest.
 *
 * @param type what happened
 * @param value the sequence or attempt number
 * @param image the first 16 bytes of the image's SHA-256
 */
public record BootRecord(Type type, long value, byte[] image) {

  /** The record size. */
  public static final int SIZE = 32;

  static final byte[] MAGIC = {'F', 'S', 'B', 'R'};

  /** What a record says. */
  public enum Type {
    STAGED(1),
    ACTIVATED(2),
    ATTEMPT(3),
    CONFIRMED(4),
    BAD(5);

    final int code;

    Type(int code) {
      this.code = code;
    }

    static Type of(int code) {
      for (Type t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      return null;
    }
  }

  public BootRecord {
    image = Arrays.copyOf(image, 16);
  }

  @Override
  public byte[] image() {
    return image.clone();
  }

  /**
   * @return whether it is about the image whose SHA-256 is {@code sha256}
   */
  public boolean isAbout(byte[] sha256) {
    return Arrays.equals(image, 0, 16, sha256, 0, 16);
  }

  /**
   * @return the record's 32 bytes
   */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC);
    b.put((byte) type.code);
    b.put(new byte[3]);
    b.putInt((int) value);
    b.put(image);
    b.putInt((int) UpdateImage.crc(b.array(), 0, 28));
    return b.array();
  }

  /**
   * @return the record in {@code bytes[offset..offset+32)}, or null if those bytes are not a whole
   *     record (blank, torn, or anything else)
   */
  public static BootRecord decode(byte[] bytes, int offset) {
    if (!Arrays.equals(bytes, offset, offset + 4, MAGIC, 0, 4)) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, SIZE).slice().order(ByteOrder.LITTLE_ENDIAN);
    if ((b.getInt(28) & 0xffff_ffffL) != UpdateImage.crc(bytes, offset, 28)) {
      return null;
    }
    Type type = Type.of(b.get(4) & 0xff);
    if (type == null || b.get(5) != 0 || b.get(6) != 0 || b.get(7) != 0) {
      return null;
    }
    byte[] image = new byte[16];
    b.get(12, image);
    return new BootRecord(type, b.getInt(8) & 0xffff_ffffL, image);
  }

  /**
   * @return whether the 32 bytes at {@code offset} are all erased (0xff): room for a record
   */
  static boolean blank(byte[] bytes, int offset) {
    for (int i = offset; i < offset + SIZE; i++) {
      if (bytes[i] != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootRecord r
        && r.type == type
        && r.value == value
        && Arrays.equals(r.image, image);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Long.hashCode(value);
  }
}
