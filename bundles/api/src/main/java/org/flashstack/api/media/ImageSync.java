package org.flashstack.api.media;

import java.util.Locale;

/**
 * When a file-backed device's programs and erases reach stable storage (docs/faults.md, the sync
 * policy). Either way each operation is in the image file before the device reports it done.
 */
public enum ImageSync {
  /**
   * Written to the file at every program and erase: they survive the process being killed (kill
   * -9), as the operating system holds them; a crash of the machine may lose the latest.
   */
  WRITE_THROUGH,
  /**
   * Written and forced to the storage device at every program and erase: they survive the machine
   * losing power too, at the cost of a sync per operation.
   */
  FORCE;

  /**
   * @return the policy {@code text} names ({@code write-through} or {@code force}, any case)
   * @throws IllegalArgumentException naming what is accepted
   */
  public static ImageSync parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "", "write-through", "write_through" -> WRITE_THROUGH;
      case "force" -> FORCE;
      default ->
          throw new IllegalArgumentException(
              "sync = '" + text + "': write-through (the default) or force");
    };
  }
}
