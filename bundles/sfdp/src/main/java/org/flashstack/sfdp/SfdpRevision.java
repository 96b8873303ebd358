package org.flashstack.sfdp;

/**
 * An SFDP or parameter table revision, {@code major.minor} as the headers carry it.
 *
 * @param major the major revision, 1 for every JESD216 so far
 * @param minor the minor revision: 0 (JESD216), 5 (A), 6 (B), 7 (C), 8 (D), 9 (E), 10 (F)
 */
public record SfdpRevision(int major, int minor) implements Comparable<SfdpRevision> {

  /** JESD216 (2011). */
  public static final SfdpRevision JESD216 = new SfdpRevision(1, 0);

  /** JESD216A (2013): DWORDs 10 to 16 of the BFPT. */
  public static final SfdpRevision JESD216A = new SfdpRevision(1, 5);

  /** JESD216B (2015): the sector map and 4-byte address instruction tables. */
  public static final SfdpRevision JESD216B = new SfdpRevision(1, 6);

  /** JESD216C (2018): octal DWORDs 17 to 20. */
  public static final SfdpRevision JESD216C = new SfdpRevision(1, 7);

  /** JESD216D (2019): DWORDs 21 to 23. */
  public static final SfdpRevision JESD216D = new SfdpRevision(1, 8);

  /**
   * @param text {@code "1.6"}
   * @return the revision
   * @throws IllegalArgumentException if the text is not {@code major.minor}
   */
  public static SfdpRevision parse(String text) {
    int dot = text.indexOf('.');
    try {
      if (dot > 0) {
        return new SfdpRevision(
            Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("an SFDP revision is major.minor, e.g. 1.6, not " + text);
  }

  /**
   * @return the JESD216 edition that introduced this revision, e.g. {@code JESD216B}
   */
  public String standard() {
    if (major != 1) {
      return "unknown";
    }
    return switch (minor) {
      case 0 -> "JESD216";
      case 5 -> "JESD216A";
      case 6 -> "JESD216B";
      case 7 -> "JESD216C";
      case 8 -> "JESD216D";
      case 9 -> "JESD216E";
      case 10 -> "JESD216F";
      default -> "unknown";
    };
  }

  @Override
  public int compareTo(SfdpRevision other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
