package org.flashstack.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flashstack.api.device.ByteSizes;

/**
 * The picture {@code flash:map} draws of one device: its partitions to scale, one letter each, a
 * row of wear shading (the most erased sector in each column, relative to the most erased sector of
 * the device) and a legend. Plain text, so it is tested as text.
 */
final class FlashMap {

  /** One partition to draw. */
  record Region(String name, long offset, long size, boolean readOnly) {}

  /** Shades from "never erased" to "most erased". */
  static final char[] SHADES = {' ', '\u2591', '\u2592', '\u2593', '\u2588'};

  /** The same in plain ASCII. */
  static final char[] ASCII_SHADES = {' ', '.', ':', '+', '#'};

  private FlashMap() {}

  /**
   * @param device the device's name and what it is, for the heading
   * @param size the device's size
   * @param blocks how its erase blocks are laid out, for the heading
   * @param regions its partitions
   * @param sectorOffsets where each media sector starts
   * @param eraseCounts each sector's erase count
   * @param width columns of the picture
   * @param ascii whether to shade in ASCII
   * @return the lines
   */
  static List<String> draw(
      String device,
      long size,
      String blocks,
      List<Region> regions,
      long[] sectorOffsets,
      long[] eraseCounts,
      int width,
      boolean ascii) {
    if (width < 8 || width > 400) {
      throw new IllegalArgumentException("--width is 8 to 400 columns, not " + width);
    }
    char[] shades = ascii ? ASCII_SHADES : SHADES;
    char[] layout = new char[width];
    for (int column = 0; column < width; column++) {
      long middle = (long) ((column + 0.5) * size / width);
      layout[column] = '.';
      for (int i = 0; i < regions.size(); i++) {
        Region region = regions.get(i);
        if (middle >= region.offset() && middle < region.offset() + region.size()) {
          layout[column] = letter(i);
        }
      }
    }
    for (int i = 0; i < regions.size(); i++) {
      // A partition narrower than a column still shows, in the column where it starts.
      char letter = letter(i);
      if (new String(layout).indexOf(letter) < 0) {
        layout[column(regions.get(i).offset(), size, width)] = letter;
      }
    }
    long[] wear = new long[width];
    long most = 0;
    for (int sector = 0; sector < sectorOffsets.length; sector++) {
      int column = column(sectorOffsets[sector], size, width);
      wear[column] = Math.max(wear[column], eraseCounts[sector]);
      most = Math.max(most, eraseCounts[sector]);
    }
    char[] shading = new char[width];
    for (int column = 0; column < width; column++) {
      shading[column] = shades[level(wear[column], most)];
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "%s: %s, %s; one column is %s",
            device,
            ByteSizes.format(size),
            blocks,
            ByteSizes.format(Math.max(1, size / width))));
    lines.add("  |" + new String(layout) + "|  partitions");
    lines.add("  |" + new String(shading) + "|  wear");
    if (regions.isEmpty()) {
      lines.add("  . no partitions");
    } else {
      for (int i = 0; i < regions.size(); i++) {
        Region region = regions.get(i);
        lines.add(
            String.format(
                Locale.ROOT,
                "  %c %-14s 0x%08x..0x%08x %9s%s",
                letter(i),
                region.name(),
                region.offset(),
                region.offset() + region.size(),
                ByteSizes.format(region.size()),
                region.readOnly() ? "  read-only" : ""));
      }
      lines.add("  . not in a partition");
    }
    if (most == 0) {
      lines.add("  wear: no sector erased since the media was opened");
    } else {
      StringBuilder legend = new StringBuilder("  wear: '").append(shades[0]).append("' never");
      for (int level = 1; level < shades.length; level++) {
        long from = (most * (level - 1)) / (shades.length - 1) + 1;
        long to = (most * level) / (shades.length - 1);
        if (to >= from) {
          legend
              .append(", '")
              .append(shades[level])
              .append("' ")
              .append(from == to ? String.valueOf(from) : from + "-" + to);
        }
      }
      lines.add(legend.append(" erases (most erased sector: ").append(most).append(")").toString());
    }
    return lines;
  }

  private static char letter(int index) {
    return index < 26 ? (char) ('a' + index) : index < 52 ? (char) ('A' + index - 26) : '?';
  }

  private static int column(long offset, long size, int width) {
    return (int) Math.min(width - 1, Math.max(0, offset * width / size));
  }

  /** 0 for never erased, else 1 to 4 by the count's share of the most. */
  static int level(long count, long most) {
    if (count <= 0 || most <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.min(4, (count * 4 + most - 1) / most));
  }
}
